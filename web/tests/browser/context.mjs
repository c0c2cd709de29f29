// The server and browser every browser test shares, and the checks they all make.

import assert from "node:assert/strict";
import { api, launchBrowser, openPage, screenshot, startServer } from "./harness.mjs";

export const ctx = { server: null, browser: null, pages: [] };

export async function setUp() {
  ctx.server = await startServer();
  ctx.browser = await launchBrowser();
}

export async function tearDown() {
  await ctx.browser?.close();
  await ctx.server?.stop();
}

/** The API's answer to `path`, asked by the test. */
export function ask(path, token) {
  return api(ctx.server.url, path, token);
}

/** A new page at `path` of the demo server (1280x800 unless `viewport`). */
export async function visit(path, options) {
  const opened = await openPage(ctx.browser, `${ctx.server.url}${path}`, options);
  ctx.pages.push(opened);
  return opened;
}

/** Nothing went wrong in the page: no console error, no request outside the origin. */
export async function expectClean(opened, { allow = [] } = {}) {
  const errors = opened.errors.filter((e) => !allow.some((pattern) => pattern.test(e)));
  assert.deepEqual(errors, [], "console errors");
  assert.deepEqual(opened.foreign, [], "requests outside the page's origin");
  await opened.context.close();
}

export { screenshot };

/** The network drawn on `page`: its node count as the page shows it. */
export async function drawnNodes(page) {
  await page.waitForSelector('.graph[data-state="drawn"]', { timeout: 60_000 });
  return Number(await page.getAttribute(".counts", "data-nodes"));
}

/**
 * The network on `page` laid out (fCoSE's layout, not the rings drawn first) and with all
 * its links in.
 */
export async function settled(page) {
  await page.waitForSelector('.graph[data-layout="settled"][data-links="all"]', { timeout: 120_000 });
}

/** The texts of the cells of `selector`'s table rows: [[cell, ...], ...]. */
export function rowsOf(page, selector = "table.data") {
  return page.$$eval(`${selector} tbody tr`, (rows) => rows.map((tr) => [...tr.cells].map((td) => td.innerText.trim())));
}

/** A strength as the page writes it. */
export function strengthText(value) {
  return (Math.round(value * 10) / 10).toFixed(1);
}
