// End-to-end tests of the release build (dist/) in Debian's Chromium, served under a sub-path.
// Every test fails on any console error, page error or failed request.
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { startServer, launchBrowser, openApp, expectText, APP_PATH } from "./support.mjs";

const SONNET = "anthropic-claude-sonnet-4-6";
let server;
let browser;
let opened = [];

before(async () => {
  server = await startServer("dist");
  browser = await launchBrowser();
  mkdirSync("reports/screenshots", { recursive: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

async function open(options) {
  const session = await openApp(browser, server.url, options);
  opened.push(session);
  return session;
}

afterEach(async () => {
  // Take the list first: a failed check must not leave its pages to the next test.
  const closing = opened;
  opened = [];
  const problems = [];
  for (const session of closing) {
    await session.context.close();
    problems.push(...session.problems);
  }
  assert.deepEqual(problems, [], "no console errors and no failed requests");
});

test("the default scenario shows the hand-computed bill", async () => {
  const { app, page } = await open();
  // 1,000,000 requests × 1,000 input tokens = 1e9 tokens × $3/M = $3,000
  // 1,000,000 requests × 200 output tokens  = 2e8 tokens × $15/M = $3,000  → $6,000.00 a month
  await expectText(app.total, "$6,000.00");
  await expectText(app.yearly, "$72,000.00");
  await expectText(app.perRequest, "$0.006");
  await expectText(app.perThousand, "$6.00");
  await expectText(app.tokens, "1.2B");
  assert.match(await page.getByTestId(`${SONNET}-source`).textContent(), /as of 2026-11/);
  // Every alternative shows the date of its prices.
  const dates = await page.getByTestId("alternatives").locator("tbody tr td:nth-child(3)").allTextContents();
  assert.ok(dates.length === 10 && dates.every((d) => /^20\d\d-\d\d/.test(d)), dates.join(","));
  assert.equal(await page.title(), "Inference cost calculator");
  await page.screenshot({ path: "reports/screenshots/desktop-light.png", fullPage: true });
});

test("typing a new value updates the bill without a reload", async () => {
  const { app, page } = await open();
  await page.evaluate(() => (window.__sameDocument = true));
  await app.openPrices(SONNET);
  // Input price overridden $3 → $6: 1e9 × $6/M = $6,000 + $3,000 output = $9,000.00
  await app.type(`${SONNET}-price-input`, "6");
  await expectText(app.total, "$9,000.00");
  // 2.5M requests at $6 / $15: 2.5e9 × 6/1e6 + 5e8 × 15/1e6 = 15,000 + 7,500 = $22,500.00
  await app.type("w1-requests-per-month", "2.5M");
  await expectText(app.total, "$22,500.00");
  await expectText(app.yearly, "$270,000.00");
  await expectText(app.perRequest, "$0.009");
  // Screen readers hear the new total from a live region that stays in place.
  await expectText(page.getByTestId("announce"), "Monthly bill $22,500.00");
  // Clearing the override goes back to the list price: 2.5e9 × 3/1e6 + 7,500 = $15,000.00
  await app.fill(`${SONNET}-price-input`, "");
  await expectText(app.total, "$15,000.00");
  assert.equal(await page.evaluate(() => window.__sameDocument), true, "no reload happened");
});

test("invalid values show a message beside the field and keep the last result", async () => {
  const { app, page } = await open();
  const cases = [
    ["", "Enter a value."],
    ["-5", "Must be zero or more."],
    ["abc", "Enter a number, like 1500, 1,500, 1.5k or 2e6."],
    ["1,5", "Enter a number, like 1500, 1,500, 1.5k or 2e6."],
    ["NaN", "Enter a finite number."],
    ["1e999", "Enter a finite number."],
    ["5e12", "Must be at most 1,000,000,000,000."],
  ];
  for (const [text, message] of cases) {
    await app.fill("w1-requests-per-month", text);
    await expectText(app.error("w1-requests-per-month"), message);
    assert.equal(await app.input("w1-requests-per-month").getAttribute("aria-invalid"), "true");
    assert.equal(await app.input("w1-requests-per-month").inputValue(), text, "the typed text is kept");
    await expectText(app.total, "$6,000.00");
    await expectText(app.stale, "Showing the last valid result. Fix: Support chat › Requests per month.");
  }
  await page.screenshot({ path: "reports/screenshots/invalid-field.png", fullPage: true });
  // The rest of the page keeps working while one field is invalid: 200 → 400 output tokens.
  await app.type("w1-output-tokens", "400");
  await expectText(app.total, "$9,000.00");
  // Fixing the field clears the message and uses the value.
  await app.type("w1-requests-per-month", "2,000,000");
  await expectText(app.error("w1-requests-per-month"), "");
  await expectText(app.stale, "");
  assert.equal(await app.input("w1-requests-per-month").getAttribute("aria-invalid"), "false");
  // 2e9 input tokens × $3/M + 8e8 output tokens × $15/M = 6,000 + 12,000
  await expectText(app.total, "$18,000.00");
});

test("workloads: add, rename, duplicate, split across models, remove", async () => {
  const { app, page } = await open();
  await page.getByTestId("add-workload").click();
  // A new workload has the default shape on Sonnet 4.6: another $6,000.
  await expectText(app.total, "$12,000.00");
  await app.fill("w2-name", "RAG");
  await app.fill("w2-requests-per-month", "100k");
  await app.fill("w2-input-tokens", "5000");
  await app.fill("w2-output-tokens", "300");
  await page.getByTestId("w2-route0-model").selectOption("openai/gpt-5-mini");
  // Split 80 % to gpt-5-mini ($0.25/$2) and 20 % to gpt-5 ($1.25/$10):
  // 80,000 × (5,000 × 0.25 + 300 × 2)/1e6 = $148; 20,000 × (5,000 × 1.25 + 300 × 10)/1e6 = $185
  await page.getByTestId("w2-add-route").click();
  await page.getByTestId("w2-route1-model").selectOption("openai/gpt-5");
  await app.fill("w2-route0-share", "80");
  // Shares add up to 80 % now: the routing message shows and the total keeps its last value.
  await expectText(page.getByTestId("w2-routing-error"), "Shares add up to 80%; they must add up to 100%.");
  await app.fill("w2-route1-share", "20");
  await expectText(page.getByTestId("w2-routing-error"), "");
  await expectText(app.total, "$6,333.00");
  assert.match(await page.getByTestId("by-workload").textContent(), /RAG\$333\.00/);
  await page.screenshot({ path: "reports/screenshots/two-workloads.png", fullPage: true });
  await page.getByTestId("w2-duplicate").click();
  await expectText(app.total, "$6,666.00");
  await page.getByTestId("w1-remove").click();
  await expectText(app.total, "$666.00");
  assert.match(await page.getByTestId("by-workload").textContent(), /RAG \(copy\)/);
});

test("long-context cliff and batch through the page", async () => {
  const { app, page } = await open();
  await page.getByTestId("w1-route0-model").selectOption("anthropic/claude-sonnet-4-5");
  await app.fill("w1-requests-per-month", "1000");
  await app.fill("w1-input-tokens", "250000");
  await app.fill("w1-output-tokens", "2000");
  // Published: 250,000 × $6/M + 2,000 × $22.50/M = $1.545 per request above the 200K
  // threshold; 1,000 requests cost $1,545.00, and $772.50 through the 50 % batch API.
  await expectText(app.total, "$1,545.00");
  await expectText(app.perThousand, "$1,545.00");
  await app.openMore(1);
  await app.fill("w1-batch-pct", "100");
  await expectText(app.total, "$772.50");
  assert.match(await page.getByTestId("notes").textContent(), /long-context prices/);
});

test("the built-in catalog's tiers, regions and cache lifetimes reach the bill", async () => {
  const { app, page } = await open();
  // Default workload on Sonnet 4.6: $6,000. In one region (US-only inference, 1.1× in the
  // catalog's residency_multiplier): $6,600.
  await app.openMore(1);
  await page.getByTestId("w1-residency").selectOption("region");
  await expectText(app.total, "$6,600.00");
  await page.getByTestId("w1-residency").selectOption("global");
  // 500 of the 1,000 prompt tokens written, 30 % kept 1 hour: 500 × $3 + 350 × $3.75
  // + 150 × $6 + 200 × $15 = 6,712.5 µ$ a request, $6,712.50 a month.
  await app.fill("w1-cache-write-tokens", "500");
  await app.fill("w1-write-1h-pct", "30");
  await expectText(app.total, "$6,712.50");
  // 30 % more for 12 hours: together 60 %, beside a 40 % remainder; Sonnet has no 12-hour
  // price, so the 1-hour one, noted: 500 × 3 + 200 × 3.75 + 300 × 6 + 3,000 = $7,050.00.
  await app.fill("w1-write-12h-pct", "30");
  await expectText(app.total, "$7,050.00");
  assert.match(await page.getByTestId("notes").textContent(), /12-hour/);
  // More than 100 % together: the message names it, the last bill is kept.
  await app.fill("w1-write-12h-pct", "80");
  await page.getByTestId("eval-error").filter({ hasText: "cache writes add up to 110%; together they can be at most 100%." }).waitFor();
  await expectText(app.total, "$7,050.00");
  await app.fill("w1-write-12h-pct", "0");
  await app.fill("w1-write-1h-pct", "0");
  await app.fill("w1-cache-write-tokens", "0");
  // GPT-5 mini's flex tier from the catalog (LiteLLM's _flex prices: half): 1e9 × $0.25/M
  // + 2e8 × $2/M = $650, and 50 % on flex saves 50 % × $325 = $162.50: $487.50.
  await page.getByTestId("w1-route0-model").selectOption("openai/gpt-5-mini");
  await expectText(app.total, "$650.00");
  await app.fill("w1-flex-pct", "50");
  await expectText(app.total, "$487.50");
});

test("a pasted usage object fills a workload's token mix", async () => {
  const { app, page } = await open();
  await app.openMore(1);
  await page.getByTestId("w1-usage-open").click();
  await page.getByTestId("w1-usage-format").selectOption("anthropic_messages");
  await page.getByTestId("w1-usage").fill(readFileSync("tests/fixtures/usage/anthropic_messages.json", "utf8"));
  await page.getByTestId("w1-usage-fill").click();
  // Anthropic counts cache reads and writes beside input_tokens: 50 + 100,000 + 1,500 + 500.
  await expectText(
    page.getByTestId("w1-usage-message"),
    "Filled from one response: 102,050 prompt tokens (100,000 read from the cache, 2,000 written), 400 output and 0 reasoning tokens. Traffic, routes, batch and tier shares are unchanged.",
  );
  // On Sonnet 4.6: 50 × $3 + 100,000 × $0.30 + 1,500 × $3.75 + 500 × $6 + 400 × $15
  // = $0.044775 a request; 1,000,000 requests: $44,775.00.
  await expectText(app.total, "$44,775.00");
  assert.equal(await app.input("w1-input-tokens").inputValue(), "102,050");
  assert.equal(await app.input("w1-write-1h-pct").inputValue(), "25");
  // A mistake is named where it happened, and nothing changes.
  await page.getByTestId("w1-usage").fill('{"input_tokens": -3}');
  await page.getByTestId("w1-usage-fill").click();
  await expectText(page.getByTestId("w1-usage-message"), 'Nothing filled: "input_tokens" must be a whole number of tokens, 0 or more.');
  await expectText(app.total, "$44,775.00");
});

test("a negotiated discount by provider comes off the bill and travels in the link", async () => {
  const { app, page } = await open();
  // The inputs load from their chunk when the section is first opened: one per provider in use.
  await page.getByTestId("discounts-open").click();
  // 20 % off Anthropic's prices: $6,000 × 0.8 = $4,800.
  await app.fill("discount-anthropic", "20");
  await expectText(app.total, "$4,800.00");
  // A second workload on OpenAI's GPT-5 mini (1e9 × $0.25/M + 2e8 × $2/M = $650) gets an
  // input of its own; 10 % off it: $585, and $4,800 + $585 = $5,385.
  await page.getByTestId("add-workload").click();
  await page.getByTestId("w2-route0-model").selectOption("openai/gpt-5-mini");
  await app.fill("discount-openai", "10");
  await expectText(app.total, "$5,385.00");
  // The link carries both; a fresh page opened from it shows the same bill and the summary.
  await page.waitForFunction(() => location.hash.startsWith("#v2."));
  await page.waitForTimeout(400);
  const fresh = await open({ hash: new URL(page.url()).hash });
  await expectText(fresh.app.total, "$5,385.00");
  await fresh.page.getByTestId("discounts-open").click();
  assert.equal(await fresh.app.input("discount-anthropic").inputValue(), "20");
  assert.equal(await fresh.app.input("discount-openai").inputValue(), "10");
  // 0 removes a discount.
  await app.fill("discount-openai", "0");
  await expectText(app.total, "$5,450.00");
});

test("a LiteLLM price table imports in the browser and its models can be used", async () => {
  // LiteLLM's own map (MIT licence, tests/fixtures/litellm/LICENSE); setInputFiles fails the
  // test if the fixture is missing.
  const fixture = "tests/fixtures/litellm/model_prices_and_context_window.json";
  const { app, page } = await open();
  // The import form loads from its chunk when its section is first opened.
  await page.getByTestId("import-open").click();
  const started = Date.now();
  await page.getByTestId("import-file").setInputFiles(fixture);
  await expectText(page.getByTestId("import-summary"), "Imported 3,377 models; skipped 1,176.");
  const seconds = (Date.now() - started) / 1000;
  console.log(`# imported the 3.2 MB LiteLLM price map in ${seconds.toFixed(3)} s (file read + parse + render)`);
  assert.ok(seconds < 1, `imports in under a second (${seconds} s)`);
  await app.fill("import-search", "gpt-5-mini");
  await page.locator(".import-results li", { hasText: /^gpt-5-mini —/ }).getByRole("button").click();
  await page.getByTestId("w1-route0-model").selectOption("custom/1");
  // gpt-5-mini through the import: 1e9 × $0.25/M + 2e8 × $2/M = $250 + $400
  await expectText(app.total, "$650.00");
  // The import carries its flex tier (LiteLLM's _flex prices, half): 40 % on flex saves
  // 40 % × $325 = $130; 40 % more on priority (1.8×) adds 40 % × $520 = $208.
  await app.openMore(1);
  await app.fill("w1-flex-pct", "40");
  await expectText(app.total, "$520.00");
  await app.fill("w1-priority-pct", "40");
  await expectText(app.total, "$728.00");
  await app.fill("w1-priority-pct", "0");
  await app.fill("w1-flex-pct", "0");
  await expectText(app.total, "$650.00");
  // The custom model's card lists the rules it carries under its prices.
  await page.getByTestId("custom-rules").locator("li").first().waitFor();
  const rules = await page.getByTestId("custom-rules").locator("li").allTextContents();
  assert.ok(rules.some((r) => r.startsWith("Flex tier: 0.5× input, 0.5× output")), rules.join(" | "));
  await app.fill("import-text", "{ not json");
  await page.getByTestId("import-button").click();
  assert.match(await page.getByTestId("import-error").textContent(), /not valid JSON/);
});

test("a custom model's billing rules are entered by hand and priced", async () => {
  const { app, page } = await open();
  await page.getByTestId("add-custom-model").click();
  await page.getByTestId("w1-route0-model").selectOption("custom/1");
  // The new model is $1 / $2: 1e9 × $1/M + 2e8 × $2/M = $1,000 + $400.
  await expectText(app.total, "$1,400.00");
  // Sold on flex at half price (typing the input ratio sets output's too): 40 % on flex
  // saves 40 % × $700 = $280.
  await app.fill("custom-1-rule-flex-input", "0.5");
  assert.equal(await app.input("custom-1-rule-flex-output").inputValue(), "0.5");
  await app.openMore(1);
  await app.fill("w1-flex-pct", "40");
  await expectText(app.total, "$1,120.00");
  // A cliff above 500 tokens at $2 / $4 (the 1,000-token prompt passes it): the whole
  // request at the tier's prices, 1e9 × $2/M + 2e8 × $4/M = $2,800; 40 % on flex, $2,240.
  await page.getByTestId("custom-1-tier-add").click();
  await app.fill("custom-1-tier0-long-context-threshold", "500");
  await app.fill("custom-1-tier0-tier-input", "2");
  await app.fill("custom-1-tier0-tier-output", "4");
  await expectText(app.total, "$2,240.00");
  // Kept in one region at 1.1×, and the workload asks for it: $2,464.
  await app.fill("custom-1-rule-residency", "1.1");
  await page.getByTestId("w1-residency").selectOption("region");
  await expectText(app.total, "$2,464.00");
  // A bad ratio is refused beside its field and the bill keeps its last valid value.
  await app.fill("custom-1-rule-fast", "-2");
  await expectText(app.error("custom-1-rule-fast"), "Must be zero or more.");
  await expectText(app.total, "$2,464.00");
  await app.fill("custom-1-rule-fast", "");
  await page.getByTestId("model-custom-1").screenshot({ path: "reports/screenshots/custom-rules.png" });
  // The card says in words what the bill applies, and the link carries it.
  const rules = await page.getByTestId("custom-rules").locator("li").allTextContents();
  assert.ok(rules.includes("Flex tier: 0.5× input, 0.5× output"), rules.join(" | "));
  assert.ok(rules.includes("In one region: 1.1× every price"), rules.join(" | "));
  assert.ok(rules.some((r) => r.startsWith("Context tiers (cliff")), rules.join(" | "));
  // The address follows the edits (debounced): let the last one reach it.
  await page.waitForFunction(() => /#v2\./.test(location.href));
  await page.waitForTimeout(400);
  const link = page.url();
  const again = await open({ hash: link.slice(link.indexOf("#")) });
  await expectText(again.app.total, "$2,464.00");
  assert.equal(await again.app.input("custom-1-tier0-long-context-threshold").inputValue(), "500");
  // Removing the tier goes back to the standard prices: $1,120 × 1.1 = $1,232.
  await page.getByTestId("custom-1-tier0-remove").click();
  await expectText(app.total, "$1,232.00");
});

test("every asset loads from the sub-path; later requests are only the app's own chunks", async () => {
  const { app, page, requests } = await open();
  const loaded = requests.length;
  assert.ok(loaded >= 3, `html, js and wasm were requested (${loaded})`);
  for (const { url } of requests) {
    assert.ok(url.startsWith(server.url), `${url} is under ${APP_PATH}`);
  }
  // The first load holds the spend tab only: no chunk before the user asks for something.
  assert.deepEqual(requests.filter((r) => /\/(split|chunk)_/.test(r.url)).map((r) => r.url), [], "no chunk at load");
  await app.type("w1-input-tokens", "4000");
  await app.type("w1-output-tokens", "1.5k");
  await expectText(app.total, "$34,500.00");
  await page.keyboard.press("Tab");
  await page.waitForTimeout(500);
  // Writing the address loads the link codec's chunks; nothing else, nothing elsewhere.
  const later = requests.slice(loaded).map((r) => r.url);
  assert.ok(later.length > 0, "the link codec loaded for the address");
  for (const url of later) {
    assert.ok(url.startsWith(server.url) && /\/(split|chunk)_\w+\.wasm$/.test(url), `${url} is one of the app's chunks`);
  }
  assert.match(page.url(), /#v2\./, "the address follows the edits");
});

test("keyboard: every control is labelled and reachable, focus is visible", async () => {
  const { page } = await open();
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea")]
      .filter((el) => !(el.labels?.length || el.getAttribute("aria-label")))
      .map((el) => el.id || el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(unlabelled, [], "every control has a label");
  const reached = new Set();
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press("Tab");
    reached.add(await page.evaluate(() => document.activeElement?.id));
  }
  for (const id of ["w1-requests-per-month", "w1-input-tokens", "w1-output-tokens", "w1-route0-model"]) {
    assert.ok(reached.has(id), `${id} is reachable with Tab`);
  }
  await page.getByTestId("w1-input-tokens").focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, "solid", "focus is visible");
});

test("phone width: no horizontal scroll, dark scheme renders", async () => {
  const { app, page } = await open({ viewport: { width: 375, height: 800 }, colorScheme: "dark" });
  await expectText(app.total, "$6,000.00");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.equal(overflow, 0, "no horizontal overflow at 375 px");
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, "rgb(15, 17, 23)", "dark background");
  await page.screenshot({ path: "reports/screenshots/phone-dark.png", fullPage: true });
});
