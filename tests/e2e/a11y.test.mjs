// Accessibility of every view in Debian's Chromium: axe-core (npm) on the three tabs in light
// and dark, on each embed view (read-only and interactive), and with the Link, Embed and
// Export panels open; and the keyboard: a walk with Tab through the whole spend tab reaches
// every control, each with a visible focus ring, and the controls work from the keyboard.
// Every test also fails on any console error or failed request (support.mjs).
import { test, before, after, afterEach } from "node:test";
import assert from "node:assert/strict";
import { appSession, expectText } from "./support.mjs";

const session = appSession({ before, after, afterEach, assert });

/**
 * Runs axe-core on the page (all rules axe runs by default: WCAG 2.0-2.2 A and AA plus its best
 * practices) and returns its violations as "rule (impact): target" lines.
 */
async function axeViolations(page) {
  await page.addScriptTag({ path: "node_modules/axe-core/axe.min.js" });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
  return violations.flatMap((v) => v.targets.map((t) => `${v.id} (${v.impact}): ${t}`));
}

/** Asserts axe finds nothing at all (no violation of any impact) on the page as it is. */
async function assertClean(page, what) {
  const found = await axeViolations(page);
  assert.deepEqual(found, [], `axe on ${what}`);
}

const TABS = [
  { tab: "tab-spend", ready: "monthly-total" },
  { tab: "tab-selfhost", ready: "sh-winner-cost" },
  { tab: "tab-commitment", ready: "cm-monthly" },
];

for (const colorScheme of ["light", "dark"]) {
  test(`axe: the three tabs, ${colorScheme}`, async () => {
    const { page } = await session.open({ colorScheme });
    for (const { tab, ready } of TABS) {
      await page.getByTestId(tab).click();
      await page.getByTestId(ready).waitFor({ state: "visible" });
      await assertClean(page, `${tab} (${colorScheme})`);
    }
  });
}

test("axe: every embed view, read-only and interactive, light and dark", async () => {
  const views = [
    { embed: "summary", ready: "embed-spend" },
    { embed: "spend", ready: "monthly-total" },
    { embed: "selfhost", ready: "sh-winner-cost" },
    { embed: "commitment", ready: "cm-monthly" },
  ];
  let i = 0;
  for (const { embed, ready } of views) {
    for (const mode of ["", "&mode=interactive"]) {
      if (embed === "summary" && mode) continue; // the summary has no inputs
      const theme = i++ % 2 ? "dark" : "light";
      const { page } = await session.open({ hash: `#v1.AXt9&embed=${embed}${mode}&theme=${theme}`, ready });
      await assertClean(page, `embed=${embed}${mode} (${theme})`);
    }
  }
});

test("axe: the Link, Embed and Export panels, light and dark", async () => {
  for (const colorScheme of ["light", "dark"]) {
    const { page } = await session.open({ colorScheme });
    for (const button of ["open-link-panel", "open-embed", "open-export"]) {
      await page.getByTestId(button).click();
      await page.getByTestId("share-panel").waitFor({ state: "visible" });
      await assertClean(page, `${button} open (${colorScheme})`);
    }
  }
});

test("axe: the usage import with an export read (bill, chargeback, reconciliation, CSV mapping), light and dark", async () => {
  const { readFileSync } = await import("node:fs");
  const dir = "tests/fixtures/usage_report";
  for (const colorScheme of ["light", "dark"]) {
    const { page } = await session.open({ colorScheme });
    await page.getByTestId("usage-import-open").click();
    await page.getByTestId("usage-paste").fill(readFileSync(`${dir}/openai_usage.json`, "utf8"));
    await page.getByTestId("usage-read").click();
    await page.getByTestId("usage-results").waitFor({ state: "visible" });
    await page.getByTestId("usage-costs").fill(readFileSync(`${dir}/openai_costs.json`, "utf8"));
    await page.getByTestId("usage-costs").dispatchEvent("change");
    await page.getByTestId("usage-recon-result").waitFor({ state: "visible" });
    await assertClean(page, `the usage import, an OpenAI export (${colorScheme})`);
    // A CSV with a bad row: the problems banner and the column mapping.
    const csv = readFileSync(`${dir}/usage.csv`, "utf8").trim().split("\n");
    await page.getByTestId("usage-paste").fill([...csv, "2026-11-06,gpt-5-mini,search,x,1,0,0,1,0,0"].join("\n"));
    await page.getByTestId("usage-read").click();
    await page.getByTestId("usage-problems").waitFor();
    await page.getByTestId("usage-mapping").locator("summary").click();
    await assertClean(page, `the usage import, a CSV with a bad row (${colorScheme})`);
  }
});

test("axe: a damaged link's banner and a clamped link's notices", async () => {
  const { page } = await session.open({ hash: "#v1.AXt9trunc" });
  await page.getByTestId("link-banner").waitFor();
  await assertClean(page, "the damaged-link banner");
});

/** What the focused element is and whether a focus indicator is drawn around it. */
function focusState() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const ring =
    (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2) ||
    (style.boxShadow !== "none" && style.boxShadow !== "");
  return { key: el.id || el.getAttribute("data-testid") || el.outerHTML.slice(0, 60), ring };
}

test("keyboard: Tab walks the whole spend tab, every control shows its focus, and works", async () => {
  const { page, app } = await session.open();
  // Open every collapsed section first, so that the controls inside are on the walk too.
  const closed = page.locator("#panel-spend details:not([open]) > summary");
  while ((await closed.count()) > 0) await closed.first().click();
  // Every control a pointer could use on the spend tab and in the header, in document order;
  // the inactive tabs (tabindex -1, the ARIA tabs pattern) are reached with the arrow keys below.
  const controls = await page.evaluate(() => {
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden";
    };
    return [...document.querySelectorAll("a[href], button, input, select, textarea, summary")]
      .filter((el) => !el.disabled && visible(el) && !el.closest("[hidden]") && el.tabIndex >= 0)
      .map((el) => el.id || el.getAttribute("data-testid") || el.outerHTML.slice(0, 60));
  });
  assert.ok(controls.length >= 20, `the spend tab has its controls (${controls.length})`);
  const reached = [];
  const noRing = [];
  for (let i = 0; i < controls.length + 10; i++) {
    await page.keyboard.press("Tab");
    const state = await page.evaluate(focusState);
    if (!state) continue;
    if (reached.includes(state.key)) break; // wrapped around
    reached.push(state.key);
    if (!state.ring) noRing.push(state.key);
  }
  const missed = controls.filter((c) => !reached.includes(c));
  assert.deepEqual(missed, [], "every control is reached with Tab");
  assert.deepEqual(noRing, [], "every focused control draws a focus ring");

  // Operable from the keyboard: type a value, open a section, pick from a list, press a button.
  await page.getByTestId("w1-input-tokens").focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("2000");
  // 1e6 × (2,000 × $3 + 200 × $15) / 1e6 = $9,000.00
  await expectText(app.total, "$9,000.00");
  const more = page.getByTestId("w1-more-open");
  const isOpen = () => more.evaluate((s) => s.parentElement.open);
  await more.focus();
  await page.keyboard.press("Enter");
  assert.equal(await isOpen(), false, "Enter closes it");
  await page.keyboard.press("Enter");
  assert.equal(await isOpen(), true, "and opens it");
  await page.getByTestId("w1-traffic-mode").focus();
  await page.keyboard.press("ArrowDown");
  await page.getByTestId("w1-requests-per-day").waitFor({ state: "visible" });
  await page.getByTestId("add-workload").focus();
  await page.keyboard.press("Enter");
  await page.getByTestId("workload-2").waitFor({ state: "visible" });
  // The tabs: one stop for Tab, the arrow keys, Home and End move between them.
  await page.getByTestId("tab-spend").focus();
  for (const [key, tab] of [["ArrowRight", "tab-selfhost"], ["ArrowRight", "tab-commitment"], ["Home", "tab-spend"], ["End", "tab-commitment"], ["ArrowRight", "tab-spend"]]) {
    await page.keyboard.press(key);
    assert.equal(await page.getByTestId(tab).getAttribute("aria-selected"), "true", `${key} selects ${tab}`);
    assert.equal(await page.evaluate(() => document.activeElement?.id), tab, `${key} focuses ${tab}`);
    assert.ok((await page.evaluate(focusState))?.ring, `${tab} shows its focus`);
  }
});
