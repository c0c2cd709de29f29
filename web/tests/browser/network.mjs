// Search, the network view, its side panel and expansion, and what loading it costs.

import assert from "node:assert/strict";
import { test } from "node:test";
import { ask, ctx, drawnNodes, expectClean, screenshot, visit } from "./context.mjs";

async function companyNamed(part) {
  const { hits } = await ask(`/v1/search?q=${encodeURIComponent(part)}&kind=company`);
  assert.ok(hits.length > 0, `a company matches ${part}`);
  return hits[0];
}

test("search a company by part of its name, with the keyboard, and see its network", async () => {
  const { companies } = await ask("/v1/companies?limit=1000");
  const target = companies.find((c) => !c.is_home && c.name.split(" ")[0].length >= 5);
  const part = target.name.split(" ")[0].slice(1, 5).toLowerCase(); // inside a word, any case
  const hit = await companyNamed(part);
  const opened = await visit("/");
  const { page } = opened;
  const box = page.locator("#global-search");
  await box.fill(part);
  await page.waitForSelector("#global-search[aria-expanded=true]");
  const options = await page.locator(".search-hits [role=option] .hit-name").allInnerTexts();
  const { hits } = await ask(`/v1/search?q=${encodeURIComponent(part)}&limit=8`);
  assert.deepEqual(options, hits.map((h) => h.name), "the hits the API ranks, in its order");
  // Arrows move the choice, Escape closes, Enter picks.
  await box.press("ArrowDown");
  await box.press("ArrowUp");
  await box.press("Escape");
  await page.waitForSelector("#global-search[aria-expanded=false]");
  await box.press("ArrowDown");
  const chosen = hits.findIndex((h) => h.id === hit.id && h.kind === "company");
  for (let i = 0; i < chosen; i++) await box.press("ArrowDown");
  await box.press("Enter");
  await page.waitForURL((url) => url.searchParams.get("focus") === hit.id);

  const ego = await ask(`/v1/network/ego/${encodeURIComponent(hit.id)}?hops=2&limit=500`);
  assert.equal(await drawnNodes(page), ego.nodes.length, "as many nodes as the API answers");
  assert.equal(await page.isVisible(".graph-status .badge.warn"), ego.truncated, "truncated as the API says");
  assert.equal((await page.innerText(".toolbar h2")).trim(), hit.name);
  await screenshot(page, "network-1280");
  await expectClean(opened);
});

test("a node's profile opens in the side panel, and expanding it merges its neighbours", async () => {
  const { hits } = await ask("/v1/search?q=a&kind=person&limit=50");
  const person = hits.find((h) => h.company && h.seniority === "executive") || hits[0];
  const opened = await visit(`/?focus=${encodeURIComponent(person.id)}&hops=1`);
  const { page } = opened;
  const first = await ask(`/v1/network/ego/${encodeURIComponent(person.id)}?hops=1&limit=500`);
  assert.equal(await drawnNodes(page), first.nodes.length);

  // The list of nodes opens the same panel as a click on the graph.
  const neighbour = first.nodes.find((n) => n.label === "Person" && n.distance === 1);
  await page.click(".node-list summary");
  await page.click(`.node-list tr[data-id="${neighbour.id}"]`);
  await page.waitForSelector(".side-panel .profile h3");
  const profile = await ask(`/v1/people/${encodeURIComponent(neighbour.id)}`);
  assert.equal((await page.innerText(".side-panel .profile h3")).trim(), profile.name);

  await page.click(".side-panel button:has-text('Expand neighbours')");
  const second = await ask(`/v1/network/ego/${encodeURIComponent(neighbour.id)}?hops=1&limit=200`);
  const union = new Set([...first.nodes, ...second.nodes].map((n) => n.id));
  await page.waitForFunction((n) => Number(document.querySelector(".counts")?.dataset.nodes) === n, union.size, { timeout: 60_000 });
  await screenshot(page, "network-expanded-1280");
  await expectClean(opened);
});

test("measure: page weight and time to the first drawn network", async () => {
  const { hits } = await ask("/v1/search?q=a&kind=company&limit=1");
  const weights = { assets: 0, api: 0 };
  const page = await (await ctx.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on("response", async (response) => {
    const bytes = (await response.body().catch(() => Buffer.alloc(0))).length;
    weights[new URL(response.url()).pathname.startsWith("/v1/") ? "api" : "assets"] += bytes;
  });
  await page.goto(`${ctx.server.url}/?focus=${encodeURIComponent(hits[0].id)}`);
  await drawnNodes(page);
  const drawnAt = await page.evaluate(() => performance.getEntriesByName("srm:network-drawn")[0]?.startTime);
  await page.waitForLoadState("networkidle");
  console.log(
    `page weight: ${weights.assets} bytes of page assets, ${weights.api} bytes of API answers; ` +
      `first network (${hits[0].name}) drawn ${Math.round(drawnAt)} ms after navigation`,
  );
  // A larger one: one of our executives, whose two hops reach most of the demo.
  const { companies } = await ask("/v1/companies?limit=1000");
  const home = await ask(`/v1/companies/${companies.find((c) => c.is_home).id}`);
  await page.goto(`${ctx.server.url}/?focus=${encodeURIComponent(home.people[0].id)}`);
  const nodes = await drawnNodes(page);
  const bigAt = await page.evaluate(() => performance.getEntriesByName("srm:network-drawn")[0]?.startTime);
  const clicked = Date.now();
  await page.click(".node-list summary");
  await page.waitForSelector(".node-list table.data");
  console.log(
    `larger network (${home.people[0].name}, ${nodes} nodes) drawn ${Math.round(bigAt)} ms after ` +
      `navigation; then the node list opened ${Date.now() - clicked} ms after a click`,
  );
  await page.context().close();
});
