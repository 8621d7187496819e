// End-to-end tests of the commitment tab ("Reserve or on-demand") in Debian's Chromium. Every
// test fails on any console error, page error or failed request. Expected figures are
// computed by hand in the comments (36 months of 730 hours = 26,280 hours).
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { appSession, expectText } from "./support.mjs";

const session = appSession({ before, after, afterEach, assert });

async function open(options) {
  const opened = await session.open(options);
  await opened.page.getByTestId("tab-commitment").click();
  await opened.page.getByTestId("cm-headline").waitFor({ state: "visible" });
  return opened;
}

/** A row of one of the HTML tables, by its test id: the cells' trimmed texts. */
async function cells(page, testId) {
  return (await page.getByTestId(testId).locator("th, td").allTextContents()).map((t) => t.trim());
}

test("flat demand: commit everything for 3 years, figures checked by hand", async () => {
  const { page, app } = await open();
  // The default on-demand price is the self-hosting offer, with its source and date.
  await expectText(page.getByTestId("cm-on-demand-source"), "$2.99/GPU-hour. The self-hosting rental offer: Civo H100 SXM 1x (on-demand) $2.99/GPU-h, as of 2026-10-06.");
  await app.fill("cm-mean", "10");
  await page.getByTestId("cm-shape").selectOption("flat");
  await app.fill("cm-weekend", "100");
  await app.fill("cm-on-demand", "2");
  await app.fill("cm-1y-discount", "30");
  await app.fill("cm-3y-discount", "50");
  // 10 GPUs every hour. On demand: 10 × $2 × 730 h = $14,600.00 a month. 3-year at $1:
  // $7,300.00. 1-year at $1.40: $10,220.00. Commit all 10 for 3 years.
  await expectText(page.getByTestId("cm-headline"), "Commit to 10 GPUs for 3 years and buy the rest on demand.");
  await expectText(page.getByTestId("cm-committed"), "10 GPUs");
  await expectText(page.getByTestId("cm-monthly"), "$7,300.00");
  await expectText(page.getByTestId("cm-none"), "$14,600.00");
  await expectText(page.getByTestId("cm-coverage"), "100%");
  await expectText(page.getByTestId("cm-utilization"), "100%");
  await expectText(page.getByTestId("cm-saving"), "$7,300.00");
  // $1 ÷ $2: a 50 % discount breaks even at 50 % use.
  await expectText(page.getByTestId("cm-break-even"), "50%");
  assert.deepEqual(await cells(page, "cm-term-monthly"), ["Monthly cost", "$10,220.00", "$7,300.00"]);
  assert.deepEqual(await cells(page, "cm-term-break-even"), ["Breaks even at utilization", "70%", "50%"]);
  // Stress: demand 30 % lower. The 3-year plan still pays for 10 GPUs: $262,800 over 36
  // months, against $183,960 for 7 GPUs in hindsight: $78,840 (≈ $78.8K) of regret.
  const lower = page.getByTestId("cm-stress").locator("tbody tr").nth(1);
  assert.match(await lower.locator("td").nth(2).textContent(), /^\$263K\+\$78\.8K regret$/);
  await page.screenshot({ path: "reports/screenshots/commitment-desktop.png", fullPage: true });
});

test("a pasted hourly series: bad lines are listed, a good one is used", async () => {
  const { page, app } = await open();
  await page.getByTestId("cm-source").selectOption("series");
  await expectText(page.getByTestId("cm-error"), "No demand: paste or upload an hourly series with at least one hour above zero.");
  const series = page.getByTestId("cm-series");
  await series.fill("timestamp,gpus\n2026-01-05T00:00,4\n2026-01-05T01:00,foo\n2026-01-05T02:00,-1");
  const status = page.getByTestId("cm-series-status");
  await page.waitForFunction(() => document.querySelector('[data-testid="cm-series-status"]')?.textContent.includes("Line 3"));
  const text = await status.textContent();
  assert.match(text, /2 lines could not be read/);
  assert.match(text, /Line 3: "foo" is not a number of GPUs/);
  assert.match(text, /Line 4: -1 is negative; demand is zero or more GPUs\./);
  // 12 hours at 4 GPUs, 12 at 8, repeated over 26,280 hours. On-demand $2: 26,280 × 6 × $2 ÷ 36
  // = $8,760.00 a month. 3-year at 56.4 % off ($0.872): the 11,458th busiest hour (26,280 ×
  // 0.436) is at 8 GPUs, so commit 8: 210,240 GPU-hours × $0.872 = $183,329.28, ÷ 36 =
  // $5,092.48 a month, 75 % used.
  const day = Array.from({ length: 24 }, (_, h) => (h < 12 ? "4" : "8")).join("\n");
  await series.fill(day);
  await app.fill("cm-on-demand", "2");
  await expectText(status, "24 hours read.");
  await expectText(page.getByTestId("cm-committed"), "8 GPUs");
  await expectText(page.getByTestId("cm-monthly"), "$5,092.48");
  await expectText(page.getByTestId("cm-none"), "$8,760.00");
  await expectText(page.getByTestId("cm-utilization"), "75%");
  assert.match(await page.getByTestId("cm-reasons").textContent(), /repeats to cover 36 months/);
  // The same series from a file.
  await page.getByTestId("cm-series-file").setInputFiles({
    name: "usage.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`timestamp,gpus\n${Array.from({ length: 48 }, (_, h) => `2026-01-05T${h},${h % 24 < 12 ? 4 : 8}`).join("\n")}\n`),
  });
  await expectText(status, "48 hours read.");
  await expectText(page.getByTestId("cm-committed"), "8 GPUs");
});

test("all upfront is valued at the discount rate", async () => {
  const { page, app } = await open();
  await app.fill("cm-on-demand", "2");
  await page.getByTestId("cm-3y-mode").selectOption("price");
  await app.fill("cm-3y-price", "1");
  await page.getByTestId("cm-3y-payment").selectOption("all");
  // $1 × 36 × 730 h = $26,280.00 upfront per GPU; at 7 % a year it costs
  // 26,280 × (0.07/12) / (1 − (1 + 0.07/12)^−36) = $811.45 a month, $1.11 an hour.
  const upfront = await cells(page, "cm-term-upfront");
  assert.equal(upfront[2], "$26,280.00");
  assert.equal((await cells(page, "cm-term-rate"))[2], "$1.11");
  await app.fill("cm-discount-rate", "0");
  await page.waitForFunction(() => document.querySelector('[data-testid="cm-term-rate"] td:last-child')?.textContent.trim() === "$1.00");
});

test("the Monte Carlo is seeded: the same seed gives the same percentiles", async () => {
  const { page, app } = await open();
  const row = page.getByTestId("cm-mc-3y");
  await row.waitFor({ state: "visible", timeout: 10000 });
  const first = await cells(page, "cm-mc-3y");
  const money = (t) => Number(t.replace(/[$,]/g, "").replace(/K$/, "e3").replace(/M$/, "e6"));
  const [p10, p50, p90] = first.slice(1, 4).map(money);
  assert.ok(p10 <= p50 && p50 <= p90, `${first}`);
  assert.match(await page.getByTestId("cm-mc").textContent(), /10,000 draws \(seed 1\)/);
  await app.fill("cm-seed", "2");
  await page.waitForFunction(() => document.querySelector('[data-testid="cm-mc"]')?.textContent.includes("(seed 2)"));
  assert.notDeepEqual(await cells(page, "cm-mc-3y"), first);
  await app.fill("cm-seed", "1");
  await page.waitForFunction(() => document.querySelector('[data-testid="cm-mc"]')?.textContent.includes("(seed 1)"));
  assert.deepEqual(await cells(page, "cm-mc-3y"), first);
});

test("the three questions change the recommendation", async () => {
  const { page } = await open();
  const headline = page.getByTestId("cm-headline");
  await page.getByTestId("cm-team-no").check();
  await expectText(headline, "Pay per token: without a team to run GPUs, do not self-host or commit.");
  await page.getByTestId("cm-team-yes").check();
  await page.getByTestId("cm-know-no").check();
  await expectText(headline, "Do not commit yet: run on demand and measure your volume first.");
  await page.getByTestId("cm-know-yes").check();
  await page.getByTestId("cm-predictable-no").check();
  assert.match(await headline.textContent(), /^(Commit only to the floor you are sure of|Stay on demand)/);
  assert.match(await page.getByTestId("cm-reasons").textContent(), /worst regret over the stress tests/);
});

test("bad input is refused beside the field; the last answer stays", async () => {
  const { page, app } = await open();
  const before = (await page.getByTestId("cm-committed").textContent()).trim();
  await app.fill("cm-mean", "-3");
  await expectText(app.error("cm-mean"), "Must be zero or more.");
  await app.fill("cm-draws", "50");
  await expectText(app.error("cm-draws"), "Must be at least 10,000.");
  await expectText(page.getByTestId("cm-committed"), before);
  await app.fill("cm-mean", "0");
  await expectText(page.getByTestId("cm-error"), "No demand: the GPUs in use are zero in every hour, so there is nothing to commit. Enter an average above zero, or traffic on the API spend tab.");
  await page.getByTestId("tab-spend").click();
  await expectText(page.getByTestId("monthly-total"), "$6,000.00");
});

test("keyboard reaches the tab; phone, dark: no horizontal overflow", async () => {
  const { page } = await open({ viewport: { width: 375, height: 800 }, colorScheme: "dark" });
  const spend = page.getByTestId("tab-spend");
  await spend.click();
  await spend.focus();
  await page.keyboard.press("End");
  assert.equal(await page.getByTestId("tab-commitment").getAttribute("aria-selected"), "true");
  assert.equal(await page.evaluate(() => document.activeElement?.id), "tab-commitment");
  await page.keyboard.press("ArrowRight");
  assert.equal(await spend.getAttribute("aria-selected"), "true", "wraps around");
  await page.keyboard.press("ArrowLeft");
  await page.getByTestId("cm-mc-3y").waitFor({ state: "visible", timeout: 10000 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.equal(overflow, 0);
  await page.screenshot({ path: "reports/screenshots/commitment-phone-dark.png", fullPage: true });
});
