// The usage import in Debian's Chromium, on the release build: the hand-built exports of
// tests/fixtures/usage_report/ (their figures are worked out by hand in tests/usage_report.rs
// and make_fixtures.py) read from a file and from a paste, priced with the page's catalog
// (gpt-5 $1.25 / $10 per million, cache reads $0.125, batch half price; gpt-5-mini $0.25 / $2,
// reads $0.025; Claude Sonnet 4.5 $3 / $15, reads $0.30, 5-minute writes $3.75, 1-hour $6;
// Haiku 4.5 $1 / $5, reads $0.10, writes $1.25), charged back, reconciled with the cost
// report, and turned into workloads whose bill is the import's monthly estimate.
// Every test also fails on any console error or failed request (support.mjs).
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { appSession, expectText } from "./support.mjs";

const session = appSession({ before, after, afterEach, assert });
const FIXTURES = "tests/fixtures/usage_report";

/** The cells of a table's body rows, as text. */
async function rows(table) {
  return table.locator("tbody tr").evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll("th, td")].map((c) => c.textContent.trim())),
  );
}

async function openImport(page) {
  await page.getByTestId("usage-import-open").click();
  await page.getByTestId("usage-read").waitFor();
}

test("an OpenAI usage export read from a file: its bill, its chargeback, its reconciliation, its workloads", async () => {
  const { app, page } = await session.open();
  await openImport(page);
  await page.getByTestId("usage-file").setInputFiles(`${FIXTURES}/openai_usage.json`);
  await page.getByTestId("usage-read").click();
  // Seven days of gpt-5 for proj_search (plain $4.60 a day and batched $1.625) and gpt-5-mini
  // for proj_support ($2.15): $8.375 a day, $58.625 in all; a month of 30.4375 days,
  // $58.625 × 30.4375 ÷ 7 = $254.9140625.
  await expectText(page.getByTestId("usage-period"), "7 days, 2026-11-01 to 2026-11-07");
  await expectText(page.getByTestId("usage-monthly"), "$254.91");
  assert.match(await page.getByTestId("usage-total").textContent(), /^\$58\.6[23]$/);
  assert.match(await page.getByTestId("usage-counts").textContent(), / · 3 groups of 2 models · /);
  const groups = await rows(page.getByTestId("usage-groups"));
  assert.equal(groups.length, 3, JSON.stringify(groups));
  // gpt-5-mini for proj_support: 7 × $2.15 = $15.05; a month $65.44.
  const mini = groups.find((r) => r[0].startsWith("gpt-5-mini"));
  assert.ok(mini, JSON.stringify(groups));
  assert.deepEqual(mini.slice(-2), ["$15.05", "$65.44"]);

  // Chargeback by project: proj_search 7 × ($4.60 + $1.625) = $43.575 (a month $189.47),
  // proj_support $15.05.
  await page.getByTestId("usage-charge-by").selectOption("project");
  const charge = await rows(page.getByTestId("usage-charge"));
  assert.equal(charge.length, 2, JSON.stringify(charge));
  assert.equal(charge[0][0], "proj_search");
  assert.equal(charge[0][4], "$189.47");
  assert.deepEqual([charge[1][0], charge[1][3], charge[1][4]], ["proj_support", "$15.05", "$65.44"]);
  assert.equal(await page.getByTestId("usage-charge-bars").locator("li").count(), 2);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("usage-charge-csv").click(),
  ]);
  const csv = readFileSync(await download.path(), "utf8").trim().split("\n");
  assert.equal(csv.length, 3, csv.join("\n"));
  assert.match(csv[2], /^proj_support,/);
  assert.match(csv[2], /,15\.05,/);

  // The cost report: gpt-5 billed as computed; gpt-5-mini's output billed $0.05 a day more,
  // $15.40 against $15.05 over the week.
  await page.getByTestId("usage-costs").fill(readFileSync(`${FIXTURES}/openai_costs.json`, "utf8"));
  await page.getByTestId("usage-costs").dispatchEvent("change");
  await page.getByTestId("usage-recon-result").waitFor({ state: "visible" });
  const recon = await rows(page.getByTestId("usage-recon"));
  const miniRecon = recon.find((r) => r[0].startsWith("gpt-5-mini"));
  assert.ok(miniRecon, JSON.stringify(recon));
  assert.deepEqual(miniRecon.slice(1, 3), ["$15.05", "$15.40"]);
  assert.match(miniRecon[3], /^billed \$0\.35 more/);

  // One click: the workloads bill what the import bills a month.
  await expectText(page.getByTestId("usage-workloads-summary"), "3 workloads with the export's token mix, at its monthly rate.");
  await page.getByTestId("usage-replace").click();
  await expectText(app.total, "$254.91");
  assert.equal(await page.locator("fieldset.workload").count(), 3);
  // The link carries the workloads, not the file: opened afresh, it bills the same.
  await page.waitForFunction(() => location.hash.length > 10);
  const url = page.url();
  const again = await session.open({ hash: new URL(url).hash });
  await expectText(again.app.total, "$254.91");
  await page.screenshot({ path: "reports/screenshots/usage-import.png", fullPage: true });
});

test("an Anthropic usage report pasted, its requests estimated; a CSV with its column mapping", async () => {
  const { app, page } = await session.open();
  await openImport(page);
  await page.getByTestId("usage-paste").fill(readFileSync(`${FIXTURES}/anthropic_usage.json`, "utf8"));
  await page.getByTestId("usage-read").click();
  // Five days of Sonnet 4.5 ($20.40 a day standard, $10.50 batched) and Haiku 4.5 ($9.35):
  // $201.25; a month $201.25 × 30.4375 ÷ 5 = $1,225.109375.
  await expectText(page.getByTestId("usage-total"), "$201.25");
  await expectText(page.getByTestId("usage-monthly"), "$1,225.11");
  await expectText(page.getByTestId("usage-period"), "5 days, 2026-11-02 to 2026-11-06");
  const notes = await page.getByTestId("usage-notes").locator("li").allTextContents();
  assert.ok(notes.some((n) => n.includes("estimated")), notes.join(" | "));
  assert.ok(notes.some((n) => n.startsWith("100 web searches")), notes.join(" | "));
  // The workloads bill the same a month whatever the requests are estimated at.
  await page.getByTestId("usage-prompt-size").fill("2000");
  await page.getByTestId("usage-prompt-size").dispatchEvent("change");
  await page.getByTestId("usage-replace").click();
  await expectText(app.total, "$1,225.11");

  // A CSV with a bad row: named, nothing used until the user agrees to leave it out.
  const csv = readFileSync(`${FIXTURES}/usage.csv`, "utf8").trim().split("\n");
  const broken = [...csv.slice(0, 2), "2026-11-02,gpt-5-mini,search,lots,8000000,0,0,1,0,0", ...csv.slice(2)].join("\n");
  await page.getByTestId("usage-paste").fill(broken);
  await page.getByTestId("usage-read").click();
  const problems = page.getByTestId("usage-problems");
  await problems.waitFor();
  assert.match(await problems.textContent(), /line 3/);
  assert.equal(await page.getByTestId("usage-results").isVisible(), false);
  await page.getByTestId("usage-accept-partial").check();
  // Three days of gpt-5-mini for search ($8.05 a day) and Haiku 4.5 for support ($3.80).
  await expectText(page.getByTestId("usage-total"), "$35.55");
  await expectText(page.getByTestId("usage-monthly"), "$360.68");
  // The mapping, as recognized from the header, can be changed and applied by reading again.
  await page.getByTestId("usage-mapping").locator("summary").click();
  const selects = page.getByTestId("usage-mapping").locator("select");
  assert.ok((await selects.count()) >= 6);
  const team = page.getByTestId("usage-mapping").locator("label", { hasText: "team" });
  assert.equal(await team.count(), 1);
  // Turning the group column off: one group per model, the same total.
  const teamId = await team.getAttribute("for");
  await page.locator(`#${teamId}`).selectOption("ignore");
  await page.getByTestId("usage-read").click();
  await page.getByTestId("usage-accept-partial").check();
  await expectText(page.getByTestId("usage-total"), "$35.55");
  assert.match(await page.getByTestId("usage-counts").textContent(), / 2 groups of 2 models /);
});
