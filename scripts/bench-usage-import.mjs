// The usage import at scale in the browser (not a pass/fail test): the release build in
// Debian's Chromium reads a large export chosen as a file, as a user would, and reports how
// long it took, the progress it showed, and whether the page stayed responsive meanwhile
// (the longest gap between animation frames, and the longest task, while it read).
//
//   python3 scripts/gen-usage-export.py csv /tmp/year.csv        # 3,650,000 rows, 272 MB
//   python3 scripts/gen-usage-export.py openai /tmp/year.json    # the same as OpenAI pages, 1.1 GB
//   node scripts/bench-usage-import.mjs /tmp/year.csv [/tmp/year.json …]
//
// Needs `make build` first (dist/). Prints one line per file and writes
// reports/bench-usage-import.json.
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { startServer, launchBrowser } from "../tests/e2e/support.mjs";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node scripts/bench-usage-import.mjs FILE…");
  process.exit(2);
}
const server = await startServer("dist");
const browser = await launchBrowser();
const results = [];
try {
  for (const file of files) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.getByTestId("monthly-total").waitFor();
    await page.getByTestId("usage-import-open").click();
    await page.getByTestId("usage-read").waitFor();
    await page.getByTestId("usage-file").setInputFiles(file);
    // Watch the main thread while it reads: gaps between frames, long tasks, progress texts.
    await page.evaluate(() => {
      const w = window;
      w.__watch = { gaps: [], tasks: [], progress: new Set(), running: true };
      let last = performance.now();
      const frame = (t) => {
        w.__watch.gaps.push(t - last);
        last = t;
        const p = document.querySelector("[data-testid=usage-progress]")?.textContent;
        if (p) w.__watch.progress.add(p);
        if (w.__watch.running) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__watch.tasks.push(e.duration);
      }).observe({ type: "longtask" });
    });
    const started = Date.now();
    await page.getByTestId("usage-read").click();
    await page.getByTestId("usage-total").filter({ hasText: "$" }).waitFor({ timeout: 600_000 });
    const seconds = (Date.now() - started) / 1000;
    const watch = await page.evaluate(() => {
      const w = window.__watch;
      w.running = false;
      const sorted = [...w.gaps].sort((a, b) => a - b);
      return {
        frames: w.gaps.length,
        median_frame_gap_ms: sorted[Math.floor(sorted.length / 2)] ?? null,
        longest_frame_gap_ms: sorted[sorted.length - 1] ?? null,
        long_tasks: w.tasks.length,
        longest_task_ms: w.tasks.length ? Math.max(...w.tasks) : 0,
        progress_updates: w.progress.size,
        last_progress: [...w.progress].pop() ?? null,
      };
    });
    const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
    const total = (await page.getByTestId("usage-total").textContent()).trim();
    const counts = (await page.getByTestId("usage-counts").textContent()).trim();
    const r = {
      file,
      megabytes: Math.round(statSync(file).size / 1e5) / 10,
      seconds,
      total,
      counts,
      js_heap_mib: heap === null ? null : Math.round((heap / 1048576) * 10) / 10,
      ...watch,
    };
    results.push(r);
    console.log(
      `${file}: ${r.megabytes} MB read in ${seconds.toFixed(1)} s; ${total} (${counts}); ` +
        `${r.progress_updates} progress updates; frames every ${r.median_frame_gap_ms?.toFixed(0)} ms ` +
        `(median), longest gap ${r.longest_frame_gap_ms?.toFixed(0)} ms, longest task ${r.longest_task_ms.toFixed(0)} ms; ` +
        `JS heap ${r.js_heap_mib} MiB`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
mkdirSync("reports", { recursive: true });
writeFileSync("reports/bench-usage-import.json", JSON.stringify(results, null, 2) + "\n");
