// What the browser tests share: a real `srm serve --demo` on a free port with a fresh data
// folder, headless Chromium (the system's, never a downloaded one), pages that record
// console errors and requests leaving the origin, and screenshots.

import { spawn, execFileSync } from "node:child_process";
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const web = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SCREENSHOTS = join(web, "screenshots");

/** The `srm` command: $SRM_COMMAND (a JSON array), else the repository's venv. */
function srmCommand() {
  if (process.env.SRM_COMMAND) return JSON.parse(process.env.SRM_COMMAND);
  return [join(web, "..", ".venv", "bin", "srm")];
}

function chromiumPath() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  return execFileSync("which", ["chromium"], { encoding: "utf8" }).trim();
}

function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

/** Run `srm ARGS` against `dataDir`; its stdout. */
export function srm(dataDir, ...args) {
  const [cmd, ...pre] = srmCommand();
  return execFileSync(cmd, [...pre, ...args], {
    encoding: "utf8",
    env: { ...process.env, SRM_DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/**
 * Start `srm serve --demo` on a free port in a fresh data folder (or `dataDir`), with `env`
 * added to its environment; resolves once /readyz answers. `stop()` ends it and removes
 * the folder it made.
 */
export async function startServer({ dataDir, env = {} } = {}) {
  const own = !dataDir;
  const dir = dataDir || (await mkdtemp(join(tmpdir(), "srm-web-")));
  const port = await freePort();
  const [cmd, ...pre] = srmCommand();
  const child = spawn(cmd, [...pre, "serve", "--demo", "--port", String(port)], {
    env: { ...process.env, ...env, SRM_DATA_DIR: dir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout.on("data", (chunk) => (log += chunk));
  child.stderr.on("data", (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`srm serve exited ${child.exitCode}:\n${log}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`srm serve not ready after 240 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    dataDir: dir,
    log: () => log,
    async stop() {
      child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode !== null ? r() : child.once("exit", r)));
      if (own) await rm(dir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser() {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ["--no-sandbox"] });
}

/**
 * A new page at `url` (1280x800 unless `viewport`): `errors` collects console errors and
 * uncaught exceptions, `foreign` every request that leaves `origin`.
 */
export async function openPage(browser, url, { viewport = { width: 1280, height: 800 } } = {}) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const origin = new URL(url).origin;
  const errors = [];
  const foreign = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(`${msg.text()} (${msg.location().url})`);
  });
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("request", (request) => {
    const target = request.url();
    if (!target.startsWith("data:") && new URL(target).origin !== origin) foreign.push(target);
  });
  await page.goto(url);
  return { page, context, errors, foreign };
}

/** The API's JSON answer to `path` (with `token` when given), asked from the test itself. */
export async function api(base, path, token) {
  const headers = token ? { Authorization: `Bearer ${token}` } : {};
  const response = await fetch(`${base}${path}`, { headers });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Save a screenshot of `page` as screenshots/NAME.png. */
export async function screenshot(page, name) {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}
