// Browser benchmark of the release build (not a pass/fail test): `make bench`.
//
// Measured with scripts/measure.mjs, the harness the issues' targets are measured with (a
// copy of the team's shared tool, unchanged): cold loads (a fresh browser context per run,
// 5 runs after 1 warm-up), and recompute as a user gets it: set a field's value, dispatch
// `input` and `change`, time until the result's text changes, 20 changes per run, 300 ms
// apart, in a page that was just loaded.
//
// Why the earlier benchmark reported less (2.2 ms against 8.9 ms for the same page): it timed
// 200 edits back to back on the last of 15 loads. Back to back, the same Wasm functions run
// hundreds of times in a row, and V8 replaces their baseline code (Liftoff) with optimized
// code (TurboFan) within the run; a user who opens the page and types at human speed runs
// mostly baseline code. On this page: 0.5 ms a keystroke back to back after 100 warm-up
// edits, 1.8 ms with 300 ms gaps in a fresh page. This benchmark reports the second.
//
//   make bench                      our page: the default view, the summary embed, a
//                                   twenty-workload link, the commitment tab; ready also with
//                                   --cpu-throttle 4 (a typical office laptop)
//   PEER=path/to/llm-prices make bench
//                                   also a peer served next to ours in the same run (a checkout
//                                   of simonw/llm-prices with its scripts/build.py run; nothing
//                                   of it is in this repository)
// Writes reports/bench-browser.json and prints the medians.
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { startServer } from "../tests/e2e/support.mjs";

const RUNS = process.env.BENCH_RUNS ?? "5";
const server = await startServer("dist");
const peer = process.env.PEER ? await serveFolder(process.env.PEER) : null;
const golden = JSON.parse(readFileSync("tests/golden/links.json", "utf8"));
const twenty = golden.find((e) => e.name === "twenty-workloads").link;
mkdirSync("reports/bench", { recursive: true });

const TOTAL = "[data-testid=monthly-total]";
const cases = [
  {
    name: "default view: ready and recompute",
    // `inputs`: when the inputs, fetched from their chunk after the answer shows, are there.
    args: ["--url", server.url, "--ready", TOTAL, "--ready-text", "\\$", "--mark", "inputs|#w1-input-tokens", "--input", "#w1-input-tokens", "--result", TOTAL],
  },
  {
    name: "default view, CPU throttled 4x: ready",
    args: ["--url", server.url, "--ready", TOTAL, "--ready-text", "\\$", "--cpu-throttle", "4"],
  },
  {
    name: "summary embed: ready",
    args: ["--url", `${server.url}#v1.AXt9&embed=summary`, "--ready", "[data-testid=embed-spend] .total", "--ready-text", "\\$"],
  },
  {
    name: "twenty-workload link: ready",
    args: ["--url", `${server.url}#${twenty}`, "--ready", TOTAL, "--ready-text", "\\$"],
  },
  {
    name: "commitment tab: recompute (average GPUs → best plan's cost)",
    args: [
      "--url", server.url, "--ready", TOTAL, "--ready-text", "\\$",
      "--setup", "click:[data-testid=tab-commitment]", "--setup", "wait:[data-testid=cm-monthly]",
      "--input", "#cm-mean", "--result", "[data-testid=cm-monthly]", "--values", "17,16",
    ],
  },
];
if (peer) {
  const url = `${peer.url}#it=1000000&ot=100000&ic=3&oc=15`;
  cases.push(
    { name: "peer (llm-prices): ready and recompute", args: ["--url", url, "--ready", "#singleResult", "--input", "#inputTokens", "--result", "#costFormatted"] },
    { name: "peer (llm-prices), CPU throttled 4x: ready", args: ["--url", url, "--ready", "#singleResult", "--cpu-throttle", "4"] },
  );
}

const results = [];
try {
  for (const [i, c] of cases.entries()) {
    const out = `reports/bench/case-${i}.json`;
    console.error(`measuring: ${c.name}`);
    // Asynchronously: the servers answer from this process meanwhile.
    await new Promise((resolve, reject) => {
      const child = spawn("node", ["scripts/measure.mjs", "--label", c.name, "--runs", RUNS, "--quiet", "--out", out, ...c.args], {
        stdio: ["ignore", "ignore", "inherit"],
      });
      child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`measure.mjs failed for ${c.name} (${code})`))));
    });
    results.push({ name: c.name, summary: JSON.parse(readFileSync(out, "utf8")).summary });
  }
} finally {
  await server.close();
  peer?.close();
}

const med = (s, k) => (s[k] && typeof s[k] === "object" ? s[k].median : s[k]);
const fmt = (v, d = 1) => (v === undefined || v === null ? "–" : Number(v).toFixed(d));
const rows = results.map(({ name, summary: s }) => ({
  name,
  brotli_kib: med(s, "brotliBytes") / 1024,
  ready_ms: med(s, "readyMs"),
  ready_frame_ms: med(s, "readyFrameMs"),
  blocking_ms: med(s, "blockingBeforeReadyMs"),
  recompute_ms: med(s, "recomputeMs"),
  recompute_frame_ms: med(s, "recomputeFrameMs"),
  heap_mib: med(s, "heapUsedMB"),
  inputs_ms: s.extraMarksMs?.inputs?.median,
  dom_nodes: med(s, "domNodes"),
}));
writeFileSync(
  "reports/bench-browser.json",
  JSON.stringify({ date: new Date().toISOString(), runs: Number(RUNS), chromium: results[0]?.summary.chromium, cases: rows }, null, 2) + "\n",
);
console.log(`Chromium ${results[0]?.summary.chromium}, release build served on loopback; medians of ${RUNS} cold runs (scripts/measure.mjs)`);
console.log(
  ["case".padEnd(62), "brotli KiB", "ready ms", "blocking ms", "input→result ms", "→frame ms", "heap MiB", "inputs ms"].join(" | "),
);
for (const r of rows) {
  console.log(
    [r.name.padEnd(62), fmt(r.brotli_kib).padStart(10), fmt(r.ready_ms).padStart(8), fmt(r.blocking_ms, 0).padStart(11),
      fmt(r.recompute_ms, 2).padStart(15), fmt(r.recompute_frame_ms, 2).padStart(9), fmt(r.heap_mib, 2).padStart(8), fmt(r.inputs_ms).padStart(9)].join(" | "),
  );
}
console.log("written to reports/bench-browser.json (each case's full output in reports/bench/)");

/** A plain static server for a peer's folder, at the root of a free loopback port. */
async function serveFolder(dir) {
  const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".json": "application/json", ".png": "image/png", ".css": "text/css" };
  const s = createServer(async (req, res) => {
    let file = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    if (file === "/" || file === "") file = "/index.html";
    try {
      const body = await readFile(join(dir, file));
      res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  return { url: `http://127.0.0.1:${s.address().port}/`, close: () => s.close() };
}
