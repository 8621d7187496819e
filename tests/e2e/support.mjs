// Shared by the end-to-end tests and the browser benchmark: a static server for dist/ under a
// sub-path, Debian's Chromium through playwright-core, and a page object that records every
// console error, page error, failed request and request made.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join, extname, normalize } from "node:path";
import { chromium } from "playwright-core";

/** The sub-path the app is served under: proves every asset URL is relative. */
export const APP_PATH = "/tools/ai-cost/";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/**
 * Serves `dist` at APP_PATH on a free loopback port, with `Access-Control-Allow-Origin: *` as
 * GitHub Pages and most static hosts send (a sandboxed iframe has an opaque origin, so its
 * scripts and Wasm are cross-origin requests). `pages` maps other paths to HTML (host pages
 * for the embed tests). Anything else is a 404.
 */
export async function startServer(dist = "dist", pages = {}) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (pages[path] !== undefined) {
      res.writeHead(200, { "content-type": TYPES[".html"], "cache-control": "no-store" });
      res.end(pages[path]);
      return;
    }
    if (!path.startsWith(APP_PATH)) {
      res.writeHead(404).end("outside the app's sub-path");
      return;
    }
    let file = normalize(path.slice(APP_PATH.length)).replace(/^(\.\.[/\\])+/, "");
    if (file === "" || file === ".") file = "index.html";
    try {
      const body = await readFile(join(dist, file));
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-store",
        "access-control-allow-origin": "*",
      });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}${APP_PATH}`,
    close: () => new Promise((resolve) => server.close(resolve)),
    /** Adds or replaces a page served at `path`. */
    page: (path, html) => {
      pages[path] = html;
    },
  };
}

/** Debian's Chromium, headless, with the flags this machine's closed network needs. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Opens the app in a fresh context and records what goes wrong.
 * `problems` collects console errors, uncaught page errors, failed requests and HTTP errors;
 * `requests` every request URL with the time it was made.
 */
export async function openApp(browser, url, { viewport, colorScheme, hash, ready, permissions, init } = {}) {
  const context = await browser.newContext({
    viewport: viewport ?? { width: 1280, height: 900 },
    colorScheme: colorScheme ?? "light",
    permissions: permissions ?? [],
  });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console error: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("requestfailed", (req) =>
    problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`),
  );
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  page.on("request", (req) => requests.push({ url: req.url(), at: Date.now() }));
  await page.goto(url + (hash ?? ""));
  const app = new CalculatorPage(page);
  await (ready ? page.getByTestId(ready) : app.total).waitFor({ state: "visible" });
  return { context, page, app, problems, requests };
}

/** Page object: the calculator's elements by data-testid. */
/** Opens the `<details>` of a summary unless it is open (its body then loads from its chunk). */
async function openSection(summary) {
  if (!(await summary.evaluate((s) => s.parentElement.open))) await summary.click();
}

export class CalculatorPage {
  constructor(page) {
    this.page = page;
    this.total = page.getByTestId("monthly-total");
    this.yearly = page.getByTestId("yearly-total");
    this.perRequest = page.getByTestId("per-request");
    this.perThousand = page.getByTestId("per-thousand");
    this.tokens = page.getByTestId("tokens-per-month");
    this.stale = page.getByTestId("stale-note");
  }

  /** Opens the price fields of a model card (slug: model id with / and . as -). */
  async openPrices(slug) {
    await openSection(this.page.getByTestId(`${slug}-prices-open`));
  }

  /** Opens a workload's "Reasoning, caching, batch and tiers" section. */
  async openMore(workload = 1) {
    await openSection(this.page.getByTestId(`w${workload}-more-open`));
  }

  /** The input for a field id (see `FieldSpec::key`). */
  input(id) {
    return this.page.getByTestId(id);
  }

  /** The message shown beside a field. */
  error(id) {
    return this.page.getByTestId(`${id}-error`);
  }

  /** Replaces a field's text in one edit, as a paste does (one input event). */
  async fill(id, text) {
    await this.input(id).fill(text);
  }

  /** Replaces a field's text key by key, as a user types (one input event per key). */
  async type(id, text) {
    const input = this.input(id);
    await input.click();
    await input.press("Control+A");
    if (text === "") await input.press("Backspace");
    else await input.pressSequentially(text);
  }
}

/** Waits (up to 5 s) until the locator's trimmed text equals `expected`, then checks it. */
export async function expectText(locator, expected, timeout = 5000) {
  const deadline = Date.now() + timeout;
  let actual;
  for (;;) {
    actual = ((await locator.textContent()) ?? "").trim();
    if (actual === expected || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  if (actual !== expected) {
    throw new Error(`expected ${locator} to read ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

/**
 * Hooks for a node:test file: one server and browser for the file, and after each test every
 * opened page is closed and must have had no console error and no failed request.
 * `hooks.open(options)` opens the app (see `openApp`).
 */
export function appSession({ before, after, afterEach, assert }) {
  let server;
  let browser;
  let opened = [];
  before(async () => {
    server = await startServer("dist");
    browser = await launchBrowser();
    const { mkdirSync } = await import("node:fs");
    mkdirSync("reports/screenshots", { recursive: true });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  afterEach(async () => {
    const closing = opened;
    opened = [];
    const problems = [];
    for (const session of closing) {
      await session.context.close();
      problems.push(...session.problems);
    }
    assert.deepEqual(problems, [], "no console errors and no failed requests");
  });
  return {
    async open(options) {
      const session = await openApp(browser, server.url, options);
      opened.push(session);
      return session;
    },
    /** Opens another address (a host page) in a fresh, checked context. */
    async openUrl(url, options) {
      const session = await openApp(browser, url, options);
      opened.push(session);
      return session;
    },
    /** The server (its `url`, `origin`, and `page(path, html)` to add a host page). */
    server: () => server,
  };
}
