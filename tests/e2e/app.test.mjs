// End-to-end tests of the release build (dist/) in Debian's Chromium, served under a sub-path.
// Every test fails on any console error, page error or failed request.
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { startServer, launchBrowser, openApp, expectText, APP_PATH } from "./support.mjs";

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
  for (const { context, problems } of opened) {
    await context.close();
    assert.deepEqual(problems, [], "no console errors and no failed requests");
  }
  opened = [];
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
  assert.match(await page.getByTestId("price-source").textContent(), /as of 2026-11/);
  assert.equal(await page.title(), "Inference cost calculator");
  await page.screenshot({ path: "reports/screenshots/desktop-light.png", fullPage: true });
});

test("typing a new value updates the bill without a reload", async () => {
  const { app, page } = await open();
  await page.evaluate(() => (window.__sameDocument = true));
  // Input price $3 → $6: 1e9 × $6/M = $6,000 + $3,000 output = $9,000.00
  await app.type("input-price", "6");
  await expectText(app.total, "$9,000.00");
  // 2.5M requests at $6 / $15: 2.5e9 × 6/1e6 + 5e8 × 15/1e6 = 15,000 + 7,500 = $22,500.00
  await app.type("requests-per-month", "2.5M");
  await expectText(app.total, "$22,500.00");
  await expectText(app.yearly, "$270,000.00");
  await expectText(app.perRequest, "$0.009");
  // Screen readers hear the new total from a live region that stays in place.
  await expectText(page.getByTestId("announce"), "Monthly bill $22,500.00");
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
    await app.fill("requests-per-month", text);
    await expectText(app.error("requests-per-month"), message);
    assert.equal(await app.input("requests-per-month").getAttribute("aria-invalid"), "true");
    assert.equal(await app.input("requests-per-month").inputValue(), text, "the typed text is kept");
    await expectText(app.total, "$6,000.00");
    await expectText(app.stale, "Showing the last valid result. Fix: Requests per month.");
  }
  await page.screenshot({ path: "reports/screenshots/invalid-field.png", fullPage: true });
  // The rest of the page keeps working while one field is invalid.
  await app.type("output-price", "30");
  await expectText(app.total, "$9,000.00");
  // Fixing the field clears the message and uses the value.
  await app.type("requests-per-month", "2,000,000");
  await expectText(app.error("requests-per-month"), "");
  await expectText(app.stale, "");
  assert.equal(await app.input("requests-per-month").getAttribute("aria-invalid"), "false");
  // 2e9 input tokens × $3/M + 4e8 output tokens × $30/M = 6,000 + 12,000
  await expectText(app.total, "$18,000.00");
});

test("every asset loads from the sub-path and nothing is requested after load", async () => {
  const { app, page, requests } = await open();
  const loaded = requests.length;
  assert.ok(loaded >= 3, `html, js and wasm were requested (${loaded})`);
  for (const { url } of requests) {
    assert.ok(url.startsWith(server.url), `${url} is under ${APP_PATH}`);
  }
  await app.type("input-tokens", "4000");
  await app.type("output-tokens", "1.5k");
  await expectText(app.total, "$34,500.00");
  await page.keyboard.press("Tab");
  await page.waitForTimeout(500);
  assert.deepEqual(requests.slice(loaded).map((r) => r.url), [], "no request after load");
});

test("keyboard: every input is reachable with Tab and labelled", async () => {
  const { page } = await open();
  const ids = ["requests-per-month", "input-tokens", "output-tokens", "input-price", "output-price"];
  for (const id of ids) {
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.id), id);
    const label = await page.evaluate(
      (el) => document.querySelector(`label[for="${el}"]`)?.textContent,
      id,
    );
    assert.ok(label && label.length > 3, `${id} has a label`);
  }
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
