// End-to-end tests of sharing in Debian's Chromium: links carry every input and open with the
// same numbers (the golden links too), back and forward, a damaged link, the clipboard and its
// fallback, embedding in a sandboxed iframe, and export/import. Every test fails on any
// console error, page error or failed request, in the page and in its frames.
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { appSession, expectText } from "./support.mjs";

const session = appSession({ before, after, afterEach, assert });
const golden = JSON.parse(readFileSync("tests/golden/links.json", "utf8"));
const entry = (name) => golden.find((e) => e.name === name);

/** "$18,194.52" as the page writes dollars of $1 and more. */
const usd = (v) => "$" + v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Waits until the address's fragment differs from `before`; returns the new address. */
async function nextAddress(page, before) {
  await page.waitForFunction((b) => location.hash !== b && location.hash.startsWith("#v2."), before);
  return page.url();
}

test("a link restores every input and the numbers, on the tab it was made on", async () => {
  const { page, app } = await session.open();
  await app.fill("w1-requests-per-month", "2,500,000");
  await app.openMore(1);
  await app.fill("w1-cached-pct", "40");
  await page.getByTestId("tab-selfhost").click();
  await page.getByTestId("sh-gpu").selectOption("h200-sxm");
  // The address is rewritten after each edit (debounced); wait for the one with the tab.
  await page.waitForFunction(() => location.hash.endsWith("&tab=selfhost"));
  assert.match(page.url(), /#v2\.[A-Za-z0-9_-]+&tab=selfhost$/);
  // Let the last edit reach the address (debounced), then read the figures.
  await page.waitForTimeout(400);
  const link = page.url();
  const total = await app.total.textContent();
  const shCost = await page.getByTestId("sh-winner-cost").textContent();

  const fresh = await session.open({ hash: link.slice(link.indexOf("#")), ready: "sh-winner-cost" });
  await expectText(fresh.page.getByTestId("sh-winner-cost"), shCost.trim());
  assert.equal(await fresh.page.getByTestId("tab-selfhost").getAttribute("aria-selected"), "true");
  await expectText(fresh.app.total, total.trim());
  assert.equal(await fresh.page.getByTestId("sh-gpu").inputValue(), "h200-sxm");
  // Opening a link rewrites nothing: the address stays as opened.
  await fresh.page.waitForTimeout(400);
  assert.equal(fresh.page.url(), link);
  // Another tab is written to the address (after the debounce).
  await fresh.page.getByTestId("tab-spend").click();
  await fresh.page.waitForFunction(() => !location.hash.includes("&tab="));
  assert.equal(await fresh.app.input("w1-requests-per-month").inputValue(), "2,500,000");
  await fresh.app.openMore(1);
  assert.equal(await fresh.app.input("w1-cached-pct").inputValue(), "40");
  assert.equal(await fresh.page.getByTestId("sh-gpu").inputValue(), "h200-sxm");
});

test("golden links open in the page with the numbers the core stored", async () => {
  for (const name of ["spend-every-rule", "twenty-workloads", "commitment-flat"]) {
    const e = entry(name);
    const { page, app } = await session.open({ hash: "#" + e.link });
    await expectText(app.total, usd(e.report.spend.monthly_usd));
    await expectText(app.yearly, usd(e.report.spend.yearly_usd));
    if (name === "commitment-flat") {
      await page.getByTestId("tab-commitment").click();
      await expectText(page.getByTestId("cm-monthly"), usd(e.report.commitment.plans[2].monthly_usd));
      await expectText(page.getByTestId("cm-none"), "$14,600.00");
    }
  }
});

test("back and forward move between opened links", async () => {
  const a = entry("defaults");
  const b = entry("spend-every-rule");
  const { page, app } = await session.open({ hash: "#" + a.link });
  await expectText(app.total, "$6,000.00");
  await page.goto(page.url().split("#")[0] + "#" + b.link);
  await expectText(app.total, usd(b.report.spend.monthly_usd));
  assert.equal(await app.input("w1-requests-per-month").inputValue(), "2,500,000");
  await page.goBack();
  await expectText(app.total, "$6,000.00");
  assert.equal(await app.input("w1-requests-per-month").inputValue(), "1,000,000");
  await page.goForward();
  await expectText(app.total, usd(b.report.spend.monthly_usd));
  // Edits replace the current entry; they add none.
  const length = await page.evaluate(() => history.length);
  await app.fill("w1-requests-per-month", "3,000,000");
  await nextAddress(page, "#" + b.link);
  assert.equal(await page.evaluate(() => history.length), length);
});

test("a damaged link shows a banner and working defaults; a clamped one names the fields", async () => {
  const good = entry("spend-every-rule").link;
  const { page, app } = await session.open({ hash: "#" + good.slice(0, good.length - 40) });
  await expectText(page.getByTestId("link-banner").locator("p"), "This link is damaged (cut short or edited?); the defaults are shown instead.");
  await expectText(app.total, "$6,000.00");
  await app.fill("w1-requests-per-month", "2,000,000");
  await expectText(app.total, "$12,000.00");
  await page.getByTestId("link-banner").getByRole("button", { name: "Dismiss" }).click();
  assert.equal(await page.getByTestId("link-banner").count(), 0);

  const other = await session.open({ hash: "#v9.AAAA" });
  await expectText(other.page.getByTestId("link-banner").locator("p"), 'This link was made by another version of the calculator ("v9"); the defaults are shown instead.');

  const clamped = await session.open({ hash: "#" + entry("clamped").link });
  const notices = clamped.page.getByTestId("link-notices");
  await notices.waitFor();
  const items = (await notices.locator("li").allTextContents()).map((t) => t.trim());
  // The notices' numbers, not their wording (as tests/common::notice_numbers).
  const numbers = (list) => list.map((t) => (t.match(/\d[\d,.e-]*/g) ?? []).map((n) => n.replace(/[,.e-]+$/, "")));
  assert.deepEqual(numbers(items), numbers(entry("clamped").notices));
  assert.equal(await clamped.app.input("w1-input-tokens").inputValue(), "100,000,000");
});

test("copy link puts the page's address on the clipboard", async () => {
  const { page, app } = await session.open({ permissions: ["clipboard-read", "clipboard-write"] });
  await app.fill("w1-requests-per-month", "1,234,000");
  await page.getByTestId("copy-link").click();
  await expectText(page.getByTestId("copy-link"), "Link copied ✓");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /^http:\/\/127\.0\.0\.1:\d+\/tools\/ai-cost\/#v2\./);
  const fresh = await session.open({ hash: copied.slice(copied.indexOf("#")) });
  await expectText(fresh.app.total, "$7,404.00"); // 1,234,000 × $0.006
});

test("a blocked clipboard shows the link selected, ready to copy by hand", async () => {
  const { page } = await session.open({
    init: () => {
      Object.defineProperty(navigator, "clipboard", {
        value: { writeText: () => Promise.reject(new DOMException("blocked", "NotAllowedError")) },
      });
    },
  });
  await page.getByTestId("copy-link").click();
  await page.getByTestId("copy-fallback").waitFor({ state: "visible" });
  const field = page.getByTestId("share-link");
  const value = await field.inputValue();
  assert.match(value, /#v2\./);
  await page.waitForFunction(() => {
    const el = document.activeElement;
    return el?.id === "share-link" && el.selectionStart === 0 && el.selectionEnd === el.value.length;
  });
  await page.screenshot({ path: "reports/screenshots/share-fallback.png" });
});

test("embedded in a sandboxed iframe: renders, resizes to its content, no console error", async () => {
  const server = session.server();
  const e = entry("spend-every-rule");
  const src = `${server.url}#${e.link}&embed=spend&theme=dark`;
  server.page(
    "/wiki/page.html",
    `<!doctype html><html><head><meta charset="utf-8"><title>Wiki</title><link rel="icon" href="data:,"></head><body>
<h1 data-testid="host-ready">Team wiki</h1>
<iframe id="calc" src="${src}" title="Inference cost calculator" style="border:0;width:100%" height="150"
  loading="lazy" allow="clipboard-write" sandbox="allow-scripts"></iframe>
<script src="${server.url}embed.js"></script>
</body></html>`,
  );
  const { page } = await session.openUrl(`${server.origin}/wiki/page.html`, { ready: "host-ready" });
  const frame = page.frameLocator("#calc");
  await expectText(frame.getByTestId("monthly-total"), usd(e.report.spend.monthly_usd));
  assert.equal(await frame.locator(".topbar").count(), 0, "no page chrome");
  assert.equal(await frame.locator("html").getAttribute("data-theme"), "dark");
  await page.waitForFunction(() => document.getElementById("calc").getBoundingClientRect().height > 400);
  const frameHeight = await page.evaluate(() => document.getElementById("calc").getBoundingClientRect().height);
  const content = await frame.getByTestId("embed-root").evaluate((el) => el.getBoundingClientRect().height);
  assert.ok(Math.abs(frameHeight - Math.ceil(content)) <= 1, `iframe ${frameHeight} px, content ${content} px`);
  await page.screenshot({ path: "reports/screenshots/embed-host.png", fullPage: true });
});

test("the embed dialog writes a snippet whose address opens the chosen view", async () => {
  const { page, app } = await session.open();
  await app.fill("w1-requests-per-month", "2,000,000");
  await page.getByTestId("open-embed").click();
  await page.getByTestId("embed-view").selectOption("summary");
  await page.getByTestId("embed-mode").selectOption("interactive");
  const snippet = await page.getByTestId("embed-snippet").inputValue();
  assert.match(snippet, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/tools\/ai-cost\/#v2\.[^"]+&amp;embed=summary&amp;mode=interactive" title="Inference cost calculator: Summary of all three"/);
  assert.match(snippet, / loading="lazy" /);
  assert.match(snippet, / allow="clipboard-write" /);
  assert.match(snippet, /<script src="http:\/\/127\.0\.0\.1:\d+\/tools\/ai-cost\/embed\.js" async><\/script>$/);
  const url = await page.getByTestId("embed-url").inputValue();
  const embed = await session.open({ hash: url.slice(url.indexOf("#")), ready: "embed-root" });
  await expectText(embed.page.getByTestId("embed-spend").locator(".total"), "$12,000.00");
  assert.equal(await embed.page.locator(".tabs").count(), 0);
  await embed.page.screenshot({ path: "reports/screenshots/embed-summary.png", fullPage: true });
});

test("export JSON, CSV and Markdown; the JSON imports with the same numbers", async () => {
  const { page, app } = await session.open();
  await app.fill("w1-requests-per-month", "3,000,000");
  await page.getByTestId("open-export").click();
  const [json] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-json").click()]);
  assert.equal(json.suggestedFilename(), "inference-cost-scenario.json");
  const path = await json.path();
  const scenario = JSON.parse(readFileSync(path, "utf8"));
  assert.equal(scenario.inference_cost_scenario, "v2");
  assert.equal(scenario.workloads[0].requests_per_month, 3000000);

  assert.equal(await page.getByTestId("export-table").inputValue(), "spend-by-workload.csv");
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  assert.equal(csv.suggestedFilename(), "spend-by-workload.csv");
  assert.equal(readFileSync(await csv.path(), "utf8"), "workload,requests_per_month,monthly_usd,share\r\nSupport chat,3000000,18000.00,1.0000\r\n");
  // A table chosen by name stays chosen while the numbers change.
  await page.getByTestId("export-table").selectOption("spend-by-token-kind.csv");
  await app.fill("w1-requests-per-month", "3,000,001");
  await app.fill("w1-requests-per-month", "3,000,000");
  assert.equal(await page.getByTestId("export-table").inputValue(), "spend-by-token-kind.csv");
  const [kinds] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  // 3,000,000,000 input tokens × $3/M = $9,000.00; 600,000,000 output × $15/M = $9,000.00.
  assert.equal(readFileSync(await kinds.path(), "utf8"), "kind,tokens_per_month,monthly_usd\r\nInput,3000000000,9000.00\r\nOutput,600000000,9000.00\r\n");

  // The preview is written when opened (the toggle event comes after the click).
  await page.locator("summary", { hasText: "Markdown preview" }).click();
  await page.waitForFunction(() => document.getElementById("export-markdown").value !== "");
  const md = await page.getByTestId("export-markdown").inputValue();
  assert.match(md, /^# Inference cost scenario\n\n\[Open this scenario in the calculator\]\(http:\/\/127\.0\.0\.1:\d+\/tools\/ai-cost\/#v2\./);
  assert.ok(md.includes("| Monthly bill | $18,000.00 |"), md);
  assert.ok(md.includes("| Support chat | 3,000,000 | $18,000.00 | 100% |"), md);

  const other = await session.open();
  await other.page.getByTestId("open-export").click();
  await other.page.getByTestId("import-json").setInputFiles(path);
  await expectText(other.app.total, "$18,000.00");
  assert.equal(await other.app.input("w1-requests-per-month").inputValue(), "3,000,000");
  await expectText(other.page.getByTestId("export-message"), "Scenario imported.");
  await other.page.getByTestId("import-json").setInputFiles({ name: "x.json", mimeType: "application/json", buffer: Buffer.from("{nope") });
  await other.page.waitForFunction(() => document.querySelector("[data-testid='export-message']").textContent.startsWith("That file is not a scenario: not JSON: "));
  await expectText(other.app.total, "$18,000.00");
  // The same file again, after an edit, opens again.
  await other.app.fill("w1-requests-per-month", "1,000,000");
  await expectText(other.app.total, "$6,000.00");
  await other.page.getByTestId("import-json").setInputFiles(path);
  await expectText(other.app.total, "$18,000.00");
});

test("themes: an embed's theme beats the system's; print is light and leaves out the inputs", async () => {
  const bg = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await session.open({ hash: "#v1.AXt9&embed=spend&theme=light", ready: "embed-root", colorScheme: "dark" });
  assert.equal(await bg(light.page), "rgb(245, 246, 248)");
  const system = await session.open({ hash: "#v1.AXt9&embed=spend", ready: "embed-root", colorScheme: "dark" });
  assert.equal(await bg(system.page), "rgb(15, 17, 23)");
  const { page } = await session.open({ colorScheme: "dark" });
  await page.emulateMedia({ media: "print" });
  const panel = await page.locator(".panel.answer").first().evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(panel, "rgb(255, 255, 255)");
  assert.equal(await page.locator(".sidebar").first().isVisible(), false);
  assert.equal(await page.getByTestId("copy-link").isVisible(), false);
});

test("a read-only embed opens the calculator with the link it was given, without loading the link writer", async () => {
  for (const name of ["spend-every-rule", "selfhost-8b-h200"]) {
    for (const version of ["v1", "v2"]) {
      const { link } = golden.find((e) => e.name === name && e.version === version);
      const { page, requests } = await session.open({ hash: `#${link}&embed=summary`, ready: "embed-root" });
      const open = page.getByTestId("embed-open");
      await page.waitForFunction(() => document.querySelector("[data-testid=embed-open]")?.getAttribute("href"));
      const href = await open.getAttribute("href");
      assert.equal(new URL(href).hash, `#${link}`, `${name} ${version}`);
      assert.deepEqual(requests.filter((r) => /split_write/.test(r.url)), [], "the link writer is not fetched");
      // The address opens the full page with the same numbers as the embed.
      const embedTotal = await page.locator("[data-testid=embed-spend] .total").textContent();
      const full = await session.openUrl(href);
      await expectText(full.app.total, embedTotal.trim());
    }
  }
});

test("a link made with an older price catalog shows today's numbers and what its sender saw; the page's own links record today's catalog", async () => {
  const { deflateRawSync, inflateRawSync } = await import("node:zlib");
  const payload = JSON.stringify({ sent: { catalog: "2026-01-01", api: 5000 } });
  const link = "v2." + deflateRawSync(Buffer.from(payload)).toString("base64url");
  const { page, app } = await session.open({ hash: `#${link}` });
  await expectText(app.total, "$6,000.00");
  await expectText(
    page.getByTestId("price-notice"),
    "Prices changed since this link was made (catalog of 2026-01-01): the sender saw $5,000.00 a month; today's prices give $6,000.00.",
  );
  // After an edit the address is rewritten: its link records today's catalog and the bill shown.
  const before = await page.evaluate(() => location.hash);
  await app.fill("w1-requests-per-month", "2,000,000");
  await expectText(app.total, "$12,000.00");
  const url = await nextAddress(page, before);
  const written = new URL(url).hash.slice(1).split("&")[0];
  const sent = JSON.parse(inflateRawSync(Buffer.from(written.slice(3), "base64url")).toString()).sent;
  assert.equal(sent.catalog, readFileSync("data/edition.txt", "utf8").trim(), "today's edition (data/edition.txt)");
  assert.equal(sent.api, 12000);
});
