// Size report of the release build in dist/: raw, gzip (level 9) and brotli (quality 11) per
// file and in total, written to reports/size-report.txt and printed. Fails when the first load
// (HTML, JS, Wasm, CSS) exceeds the brotli budget. 1 KB = 1,000 bytes here.
import { readdirSync, readFileSync, statSync, mkdirSync, writeFileSync } from "node:fs";
import { join, relative, extname } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const DIST = process.argv[2] ?? "dist";
// History (brotli, first load): foundation 86.6 KB, + API spend 184.0, + self-hosting 227.5,
// + commitments 279 (budget 250 → 300 KB), + share links, embed and export 367 (budget 300 →
// 375 KB: the Scenario's serde codec about 40 KB, the share, embed and export views about 41).
// Shrinking back is open work (see README, "Size").
const BUDGET_BROTLI_BYTES = 375_000;
const FIRST_LOAD = new Set([".html", ".js", ".wasm", ".css"]);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const kb = (n) => (n / 1000).toFixed(1).padStart(8) + " KB";
const rows = walk(DIST)
  .sort()
  .map((path) => {
    const bytes = readFileSync(path);
    return {
      file: relative(DIST, path),
      // embed.js is the optional script of a page that embeds the calculator, not loaded here.
      firstLoad: FIRST_LOAD.has(extname(path)) && relative(DIST, path) !== "embed.js",
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        },
      }).length,
    };
  });
if (rows.length === 0) {
  console.error(`size report: ${DIST}/ is empty; run trunk build --release first`);
  process.exit(1);
}

const sum = (list, key) => list.reduce((n, r) => n + r[key], 0);
const first = rows.filter((r) => r.firstLoad);
const width = Math.max(...rows.map((r) => r.file.length), 22);
const line = (name, r) =>
  `${name.padEnd(width)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`;
const total = (list) => ({ raw: sum(list, "raw"), gzip: sum(list, "gzip"), brotli: sum(list, "brotli") });
const firstTotal = total(first);
const text = [
  `Release assets in ${DIST}/ (${new Date().toISOString()})`,
  `${"file".padEnd(width)} ${"raw".padStart(11)} ${"gzip".padStart(11)} ${"brotli".padStart(11)}`,
  ...rows.map((r) => line(r.file + (r.firstLoad ? "" : " *"), r)),
  "-".repeat(width + 36),
  line("total", total(rows)),
  line("first load (html+js+wasm+css)", firstTotal),
  `budget: first load ≤ ${BUDGET_BROTLI_BYTES / 1000} KB brotli; ` +
    `used ${((100 * firstTotal.brotli) / BUDGET_BROTLI_BYTES).toFixed(0)}%` +
    (rows.some((r) => !r.firstLoad) ? "  (* not part of the first load)" : ""),
].join("\n");

mkdirSync("reports", { recursive: true });
writeFileSync("reports/size-report.txt", text + "\n");
console.log(text);
console.log("written to reports/size-report.txt");
if (firstTotal.brotli > BUDGET_BROTLI_BYTES) {
  console.error(
    `size budget exceeded: first load is ${(firstTotal.brotli / 1000).toFixed(1)} KB brotli, ` +
      `budget ${BUDGET_BROTLI_BYTES / 1000} KB`,
  );
  process.exit(1);
}
