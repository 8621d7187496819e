// Browser benchmark of the release build (not a pass/fail test): `make bench`.
//   ready:     navigation start → the first computed monthly total is in the DOM, over cold
//              loads (a fresh browser context each time: empty HTTP and code caches).
//   recompute: an input event on a field → the monthly total's text changes, measured inside
//              the page with performance.now() and a MutationObserver.
//   commitment: the same on the commitment tab (average demand → the best plan's monthly
//              cost), and the Monte Carlo's own time (10,000 draws) as the page reports it,
//              over several seeds.
//   ready from a link: the same as ready, opening the twenty-workload golden link (decode,
//              evaluate and build every input from it).
// Prints the medians and writes reports/bench-browser.json.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { startServer, launchBrowser } from "../tests/e2e/support.mjs";

const LOADS = Number(process.env.BENCH_LOADS ?? 15);
const EDITS = Number(process.env.BENCH_EDITS ?? 200);

// Installed before any page script: records when the total first holds a dollar amount.
const READY_PROBE = () => {
  const seen = () => {
    const el = document.querySelector("[data-testid='monthly-total']");
    if (el && el.textContent.includes("$") && window.__ready === undefined) {
      window.__ready = performance.now();
      return true;
    }
    return false;
  };
  new MutationObserver((_, observer) => seen() && observer.disconnect()).observe(document, {
    childList: true,
    subtree: true,
    characterData: true,
  });
};

async function recomputeTimes(page, edits, inputId = "w1-input-tokens", totalId = "monthly-total", values = [1200, 1000]) {
  return page.evaluate(async ([edits, inputId, totalId, values]) => {
    const input = document.getElementById(inputId);
    const total = document.querySelector(`[data-testid='${totalId}']`);
    const times = [];
    for (let i = 0; i < edits; i++) {
      const before = total.textContent;
      const changed = new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`edit ${i}: the total did not change`)), 2000);
        const observer = new MutationObserver(() => {
          if (total.textContent !== before) {
            observer.disconnect();
            clearTimeout(timer);
            resolve(performance.now());
          }
        });
        observer.observe(total, { childList: true, subtree: true, characterData: true });
      });
      const t0 = performance.now();
      // Alternate two values (1,200 and 1,000 input tokens by default) so every edit changes the total.
      input.value = String(values[i % 2]);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      times.push((await changed) - t0);
    }
    return times;
  }, [edits, inputId, totalId, values]);
}

/** The Monte Carlo's time as the page reports it ("… in N ms"), for `seeds` seeds. */
async function monteCarloTimes(page, seeds) {
  const times = [];
  for (let seed = 2; seed < 2 + seeds; seed++) {
    await page.getByTestId("cm-seed").fill(String(seed));
    await page.waitForFunction((s) => document.querySelector("[data-testid='cm-mc']")?.textContent.includes(`(seed ${s})`), seed);
    const text = await page.getByTestId("cm-mc").textContent();
    times.push(Number(/in ([\d,]+) ms/.exec(text)[1].replace(/,/g, "")));
  }
  return times;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

const server = await startServer("dist");
const browser = await launchBrowser();
const chromiumVersion = browser.version();
const ready = [];
const readyLink = [];
const twenty = JSON.parse(readFileSync("tests/golden/links.json", "utf8")).find((e) => e.name === "twenty-workloads");
let edits = [];
let commitmentEdits = [];
let monteCarlo = [];
try {
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(READY_PROBE);
    await page.goto(server.url);
    await page.waitForFunction(() => window.__ready !== undefined);
    ready.push(await page.evaluate(() => window.__ready));
    if (i === LOADS - 1) {
      edits = await recomputeTimes(page, EDITS);
      await page.getByTestId("tab-commitment").click();
      await page.getByTestId("cm-monthly").waitFor();
      commitmentEdits = await recomputeTimes(page, Math.min(EDITS, 100), "cm-mean", "cm-monthly", [17, 16]);
      monteCarlo = await monteCarloTimes(page, 10);
    }
    await context.close();
  }
  for (let i = 0; i < Math.ceil(LOADS / 2); i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(READY_PROBE);
    await page.goto(server.url + "#" + twenty.link);
    await page.waitForFunction(() => window.__ready !== undefined);
    readyLink.push(await page.evaluate(() => window.__ready));
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}

const result = {
  date: new Date().toISOString(),
  chromium: chromiumVersion,
  loads: LOADS,
  ready_ms: { median: median(ready), min: Math.min(...ready), max: Math.max(...ready) },
  ready_from_twenty_workload_link_ms: { median: median(readyLink), min: Math.min(...readyLink), max: Math.max(...readyLink) },
  edits: EDITS,
  recompute_ms: { median: median(edits), p90: pct(edits, 0.9), mean: edits.reduce((a, b) => a + b, 0) / edits.length },
  commitment_recompute_ms: { median: median(commitmentEdits), p90: pct(commitmentEdits, 0.9) },
  monte_carlo_10k_draws_ms: { median: median(monteCarlo), min: Math.min(...monteCarlo), max: Math.max(...monteCarlo) },
};
mkdirSync("reports", { recursive: true });
writeFileSync("reports/bench-browser.json", JSON.stringify(result, null, 2) + "\n");
console.log(`Chromium ${result.chromium}, release build, served on loopback`);
console.log(
  `ready (navigation → first computed total), median of ${LOADS} cold loads: ` +
    `${result.ready_ms.median.toFixed(1)} ms (min ${result.ready_ms.min.toFixed(1)}, max ${result.ready_ms.max.toFixed(1)})`,
);
console.log(
  `ready from the twenty-workload link, median of ${readyLink.length} cold loads: ` +
    `${result.ready_from_twenty_workload_link_ms.median.toFixed(1)} ms (min ${result.ready_from_twenty_workload_link_ms.min.toFixed(1)}, max ${result.ready_from_twenty_workload_link_ms.max.toFixed(1)})`,
);
console.log(
  `recompute (input event → total text changed), median of ${EDITS} edits: ` +
    `${result.recompute_ms.median.toFixed(3)} ms (p90 ${result.recompute_ms.p90.toFixed(3)}, mean ${result.recompute_ms.mean.toFixed(3)})`,
);
console.log(
  `commitment recompute (average demand → best plan's cost), median of ${commitmentEdits.length} edits: ` +
    `${result.commitment_recompute_ms.median.toFixed(3)} ms (p90 ${result.commitment_recompute_ms.p90.toFixed(3)})`,
);
console.log(
  `Monte Carlo, 10,000 draws, median of ${monteCarlo.length} seeds: ${result.monte_carlo_10k_draws_ms.median} ms ` +
    `(min ${result.monte_carlo_10k_draws_ms.min}, max ${result.monte_carlo_10k_draws_ms.max})`,
);
console.log("written to reports/bench-browser.json");
