// Size report of the release build in dist/: raw, gzip (level 9) and brotli (quality 11) per
// file, what each split point fetches when first used, and the first load of the default view
// and of each embed view. Written to reports/size-report.txt and printed. Fails when the
// default view's first load exceeds its budget. 1 KB = 1,000 bytes here.
//
// The first load of a view is every file it fetches before it shows its answer: index.html
// (the CSS is inlined), the main JS and Wasm, the split loader and the JS snippets, plus the
// split points the view needs at once (an embed always reads its link, then loads its view),
// each with the shared chunks it waits for (target/dist-manifest.json, written by
// scripts/build-release.mjs).
import { readdirSync, readFileSync, statSync, mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const DIST = process.argv[2] ?? "dist";
const MANIFEST = process.argv[3] ?? "target/dist-manifest.json";
// History (brotli, first load): foundation 86.6 KB, + API spend 184.0, + self-hosting 227.5,
// + commitments 279, + share links, embed and export 367 (budgets 250 → 300 → 375 KB, all in
// one Wasm file). Code splitting (2026-12-01): the default view loads only the spend tab; the
// other tabs, the share panels, the embeds, the link codec and the LiteLLM import are chunks.
// The target is 150 KB for the default view and 120 KB for the summary embed; the budget is
// the size reached, never raised to make room: a feature that does not fit goes in a chunk.
// 2026-12-08: 199.8 KB → 193.7 KB (the figures written node by node, formatting without
// core::fmt); the budget follows the size reached, with 1.3 KB for the build's small
// variations (split output is not byte-identical between builds, leptos#4785).
const BUDGET_DEFAULT_BYTES = 195_000;

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

const sizes = new Map(
  walk(DIST)
    .sort()
    .map((path) => {
      const bytes = readFileSync(path);
      return [
        relative(DIST, path),
        {
          raw: bytes.length,
          gzip: gzipSync(bytes, { level: 9 }).length,
          brotli: brotliCompressSync(bytes, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 11,
              [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
            },
          }).length,
        },
      ];
    }),
);
if (sizes.size === 0) {
  console.error(`size report: ${DIST}/ is empty; run node scripts/build-release.mjs first`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(MANIFEST, "utf8"));
for (const file of [...manifest.main, ...Object.values(manifest.splits).flat()]) {
  if (!sizes.has(file)) {
    console.error(`size report: ${file} is in ${MANIFEST} but not in ${DIST}/`);
    process.exit(1);
  }
}

const kb = (n) => (n / 1000).toFixed(1).padStart(8) + " KB";
const total = (files) => {
  const t = { raw: 0, gzip: 0, brotli: 0, files: 0 };
  for (const f of new Set(files)) {
    const s = sizes.get(f);
    t.raw += s.raw;
    t.gzip += s.gzip;
    t.brotli += s.brotli;
    t.files += 1;
  }
  return t;
};
const width = Math.max(...[...sizes.keys()].map((f) => f.length), 34);
const line = (name, r) => `${name.padEnd(width)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`;
const shell = ["index.html", ...manifest.main];
const views = [
  ["default view (API spend tab)", shell],
  // Every embed view (summary, spend, self-hosting, commitment) is in the embed chunk.
  ["an embed (the summary or any view)", [...shell, ...manifest.splits.link, ...manifest.splits.embed]],
  ["a link to the full page", [...shell, ...manifest.splits.link]],
];
const defaultLoad = total(views[0][1]);
const text = [
  `Release assets in ${DIST}/ (${new Date().toISOString()})`,
  `${"file".padEnd(width)} ${"raw".padStart(11)} ${"gzip".padStart(11)} ${"brotli".padStart(11)}`,
  ...[...sizes.entries()].map(([f, s]) => line(f + (shell.includes(f) ? "" : " *"), s)),
  "-".repeat(width + 36),
  line("all files", total([...sizes.keys()])),
  "",
  "What each split point fetches when first used (its module and the shared chunks it needs):",
  ...Object.entries(manifest.splits)
    .sort()
    .map(([name, files]) => line(`  ${name} (${files.length} files)`, total(files))),
  "",
  "First load (the files fetched before the view shows its answer):",
  ...views.map(([name, files]) => line(`  ${name} (${new Set(files).size} files)`, total(files))),
  "",
  `budget: default view's first load ≤ ${BUDGET_DEFAULT_BYTES / 1000} KB brotli; used ` +
    `${((100 * defaultLoad.brotli) / BUDGET_DEFAULT_BYTES).toFixed(0)}% (target 150 KB; summary embed target 120 KB)` +
    "  (* not in the default view's first load)",
].join("\n");

mkdirSync("reports", { recursive: true });
writeFileSync("reports/size-report.txt", text + "\n");
console.log(text);
console.log("written to reports/size-report.txt");
if (defaultLoad.brotli > BUDGET_DEFAULT_BYTES) {
  console.error(
    `size budget exceeded: the default view's first load is ${(defaultLoad.brotli / 1000).toFixed(1)} KB brotli, ` +
      `budget ${BUDGET_DEFAULT_BYTES / 1000} KB`,
  );
  process.exit(1);
}
