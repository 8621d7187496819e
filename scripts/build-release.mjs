// The release build into dist/, with code splitting (`make build`, `make test`, `make bench`).
//
// Trunk 0.21 cannot split (the split happens between cargo and wasm-bindgen), so the release
// build is these steps, as cargo-leptos runs them (see ARCHITECTURE.md, "Load what is
// opened"); `make serve` keeps Trunk and live rebuild, without splitting:
//   1. cargo build --release --features split, linked with --emit-relocs (wasm-split needs
//      the relocations to know which function uses which);
//   2. wasm-split-cli: the main module, one `split_<name>.wasm` per split point of
//      src/ui/lazy.rs, `chunk_<n>.wasm` for code several split points share, and the loader
//      `__wasm_split.js`;
//   3. wasm-bindgen on the main module (--keep-lld-exports --no-demangle, for the loader);
//   4. wasm-opt -Oz on every module (npm's binaryen);
//   5. esbuild --minify on the JS (wasm-bindgen's glue, the loader, the snippets);
//   6. index.html with the CSS inlined, the module preloaded, the Wasm compiled as it arrives
//      and started; embed.js copied.
// It also writes target/dist-manifest.json: the files each split point needs, for the size
// report. Every tool comes from scripts/setup.sh.
import { execFileSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

// `--names`: keep function names (for CPU profiles) and write target/dist-names/ instead.
const NAMES = process.argv.includes("--names");
const DIST = NAMES ? "target/dist-names" : "dist";
const WORK = "target/release-split";
const TARGET_WASM = "target/wasm32-unknown-unknown/release/inference-cost.wasm";
const WASM_OPT_FEATURES = [
  "--enable-bulk-memory",
  "--enable-nontrapping-float-to-int",
  "--enable-sign-ext",
  "--enable-mutable-globals",
  "--enable-reference-types",
  "--enable-multivalue",
];

// npm's binaryen first on PATH (never Debian's wasm-opt), and cargo's installed tools.
process.env.PATH = [join(process.cwd(), "node_modules/.bin"), join(process.env.CARGO_HOME ?? join(process.env.HOME ?? "", ".cargo"), "bin"), process.env.PATH].join(":");

const started = Date.now();
const step = (text) => console.log(`\x1b[1;34m==> [${((Date.now() - started) / 1000).toFixed(0)}s] ${text}\x1b[0m`);
const run = (cmd, args, env = {}) =>
  execFileSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });

step("cargo build --release --features split (linked with --emit-relocs)");
run(
  "cargo",
  ["build", "--release", "--locked", "--target", "wasm32-unknown-unknown", "--bin", "inference-cost", "--features", "split"],
  { CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS: "-Clink-args=--emit-relocs" },
);

// One name per build of the sources: the JS and the main module are named after it (long-term
// caching), and the loader imports the JS by it.
const name = "inference-cost-" + createHash("sha256").update(readFileSync(TARGET_WASM)).digest("hex").slice(0, 16);
rmSync(WORK, { recursive: true, force: true });
mkdirSync(join(WORK, "split"), { recursive: true });
step(`wasm-split-cli (main module ${name})`);
run("wasm-split-cli", [TARGET_WASM, join(WORK, "split"), "--target", "web", "--out-name", name]);

step("wasm-bindgen --target web --keep-lld-exports --no-demangle");
const pkg = join(WORK, "pkg");
run("wasm-bindgen", [
  "--target", "web", "--no-typescript", "--keep-lld-exports", "--no-demangle", ...(NAMES ? ["--keep-debug"] : []),
  "--out-name", name, "--out-dir", pkg, join(WORK, "split", `${name}.wasm`),
]);
for (const file of readdirSync(join(WORK, "split"))) {
  if (file === "__wasm_split.js" || /^(split|chunk)_.*\.wasm$/.test(file)) {
    cpSync(join(WORK, "split", file), join(pkg, file));
  }
}

step("wasm-opt -Oz on every module, two at a time");
const modules = readdirSync(pkg).filter((f) => f.endsWith(".wasm"));
await runAll(
  modules.map((f) => () => spawnPromise("wasm-opt", ["-Oz", ...(NAMES ? ["-g"] : []), ...WASM_OPT_FEATURES, join(pkg, f), "-o", join(pkg, f)])),
  2,
);

step("esbuild --minify on the JS");
const scripts = [];
const walkJs = (dir) => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walkJs(path);
    else if (entry.name.endsWith(".js")) scripts.push(path);
  }
};
walkJs(pkg);
for (const file of scripts) {
  // In place; ES modules keep their export names (the loader imports initSync by name).
  run("esbuild", [file, "--minify", "--format=esm", "--log-level=warning", `--outfile=${file}`, "--allow-overwrite"]);
}

step("dist/: index.html (CSS inlined, the module preloaded), the modules, embed.js");
rmSync(DIST, { recursive: true, force: true });
mkdirSync(DIST, { recursive: true });
cpSync(pkg, DIST, { recursive: true });
cpSync("embed/embed.js", join(DIST, "embed.js"));
const css = minifyCss(readFileSync("style/main.css", "utf8"));
let html = readFileSync("index.html", "utf8");
html = replaceOnce(html, /<link data-trunk rel="inline" href="style\/main\.css" \/>/, `<style>${css}</style>`);
html = replaceOnce(html, /<link data-trunk rel="copy-file" href="embed\/embed\.js" \/>\n?\s*/, "");
// The stylesheet of the parts loaded later (the other tabs, the panels, the imports): not in
// the first load; the chunks that show those parts fetch it (src/ui/js.rs, later_css), by the
// name given in <html data-later-css>, hashed like the modules.
const laterCss = minifyCss(readFileSync("style/later.css", "utf8"));
const laterName = "later-" + createHash("sha256").update(laterCss).digest("hex").slice(0, 16) + ".css";
writeFileSync(join(DIST, laterName), laterCss);
html = replaceOnce(html, /<link data-trunk rel="copy-file" href="style\/later\.css" \/>\n?\s*/, "");
html = replaceOnce(html, /<html lang="en">/, `<html lang="en" data-later-css="${laterName}">`);
html = replaceOnce(
  html,
  /<link data-trunk rel="rust"[^>]*\/>/,
  [
    `<link rel="modulepreload" href="./${name}.js" />`,
    `<link rel="modulepreload" href="./__wasm_split.js" />`,
    `<link rel="preload" href="./${name}_bg.wasm" as="fetch" type="application/wasm" crossorigin="anonymous" />`,
    // Compile while the page is still being parsed: the Wasm compiles as it arrives (on the
    // preloaded response), so the module script finds it compiled instead of starting then
    // (30 to 40 ms earlier on the reference machine). Where streaming compilation is refused
    // (a server that does not send application/wasm), it compiles from the bytes.
    `<script>window.__wasm=(function(u){var f=function(){return fetch(u,{credentials:"same-origin"})};return WebAssembly.compileStreaming(f()).catch(function(){return f().then(function(r){return r.arrayBuffer()}).then(function(b){return WebAssembly.compile(b)})})})("./${name}_bg.wasm");</script>`,
    `<script type="module">import init from "./${name}.js"; init({ module_or_path: window.__wasm });</script>`,
  ].join("\n    "),
);
writeFileSync(join(DIST, "index.html"), html);

// The files each split point fetches: its own module and the shared chunks it waits for.
// Read before minifying (the same file, names intact).
const loader = readFileSync(join(WORK, "split", "__wasm_split.js"), "utf8");
const chunkFiles = Object.fromEntries(
  [...loader.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)].map((m) => [m[1], m[2]]),
);
const splits = {};
for (const m of loader.matchAll(/export const __wasm_split_load_(\w+) = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"[\s\S]*?, \[([^\]]*)\]\)\)/g)) {
  const deps = m[3].split(",").map((d) => d.trim()).filter(Boolean).map((d) => chunkFiles[d]);
  splits[m[1]] = [m[2], ...deps];
}
// The split points whose views fetch the later stylesheet with their code.
for (const point of ["selfhost", "commitment", "share", "import", "usage_import", "embed"]) {
  if (!splits[point]) throw new Error(`no split point ${point}`);
  splits[point].push(laterName);
}
const manifest = {
  main: [`${name}.js`, `${name}_bg.wasm`, "__wasm_split.js", ...snippetFiles(DIST)],
  splits,
};
if (!NAMES) writeFileSync("target/dist-manifest.json", JSON.stringify(manifest, null, 2) + "\n");
step(`done: ${modules.length} modules, split points: ${Object.keys(splits).sort().join(", ")}`);

function snippetFiles(dist) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(join(dist, dir), { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else out.push(path);
    }
  };
  walk("snippets");
  return out;
}

function replaceOnce(text, pattern, replacement) {
  if (!pattern.test(text)) throw new Error(`index.html: ${pattern} not found`);
  return text.replace(pattern, () => replacement);
}

/** Comments out, whitespace collapsed (the stylesheet has no strings that need it). */
function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\s+/g, " ")
    .replace(/\s*([{};,>])\s*/g, "$1")
    .replace(/;}/g, "}")
    .trim();
}

function spawnPromise(cmd, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "inherit", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => {
      // "unknown name subsection with id 3" is harmless (see ../shared/notes/code-splitting.md).
      const text = d.toString();
      if (!/unknown name subsection/.test(text)) err += text;
    });
    child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(" ")}: ${code}\n${err}`))));
  });
}

async function runAll(tasks, parallel) {
  const queue = [...tasks];
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (queue.length) await queue.shift()();
    }),
  );
}
