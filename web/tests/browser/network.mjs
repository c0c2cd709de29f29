// Search, the network view, its side panel and expansion, and what loading it costs.

import assert from "node:assert/strict";
import { test } from "node:test";
import { ask, ctx, drawnNodes, expectClean, screenshot, settled, visit } from "./context.mjs";

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
  await settled(page);
  assert.equal(Number(await page.getAttribute(".counts", "data-links")), ego.edges.length, "every link drawn");
  await screenshot(page, "network-1280");
  await expectClean(opened);
});

/** A name as search folds it: no accents, lower case ("Köhler" -> "kohler"). */
function folded(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** What a hit reads under its name, as the page writes it from /v1/search's answer. */
function hitDetails(hit, hits) {
  if (hit.kind === "company") return [hit.is_home ? "our company" : null, hit.tier ? `${hit.tier} tier` : null, hit.domain].filter(Boolean).join(" · ");
  const twin = hits.filter((h) => h.name === hit.name).length > 1;
  return [hit.title, hit.company?.name, twin ? hit.email : null].filter(Boolean).join(" · ");
}

async function typeAndRead(page, text) {
  const box = page.locator("#global-search");
  await box.fill("");
  await box.fill(text);
  const { hits } = await ask(`/v1/search?q=${encodeURIComponent(text)}&limit=8`);
  await page.waitForFunction((first) => document.querySelector(".search-hits [role=option] .hit-name")?.textContent === first, hits[0]?.name);
  const shown = await page.$$eval(".search-hits [role=option]", (items) => items.map((li) => ({ name: li.querySelector(".hit-name").textContent, more: li.querySelector(".hit-more").textContent })));
  return { hits, shown };
}

test("search folds accents and case, and a person's hit tells their title and company", async () => {
  const accented = (word) => word.length >= 4 && folded(word) !== word.toLowerCase();
  const { companies } = await ask("/v1/companies?limit=1000");
  const company = companies.find((c) => !c.is_home && c.name.split(" ").some(accented));
  const word = folded(company.name.split(" ").find(accented)); // "Bären" -> "baren"
  const opened = await visit("/");
  const { page } = opened;
  let { hits, shown } = await typeAndRead(page, word);
  assert.ok(hits.some((h) => h.id === company.id), `/v1/search finds ${company.name} by ${word}`);
  assert.deepEqual(shown.map((s) => s.name), hits.map((h) => h.name), "the hits the API ranks, in its order, named with their accents");
  assert.deepEqual(shown.map((s) => s.more), hits.map((h) => hitDetails(h, hits)));

  const home = await ask(`/v1/companies/${companies.find((c) => c.is_home).id}`);
  const person = home.people.find((p) => accented(p.name.split(" ").at(-1)));
  const surname = folded(person.name.split(" ").at(-1)); // "Möller" -> "moller"
  ({ hits, shown } = await typeAndRead(page, surname));
  const i = hits.findIndex((h) => h.id === person.id);
  assert.ok(i >= 0, `/v1/search finds ${person.name} by ${surname}`);
  assert.deepEqual(shown.map((s) => s.name), hits.map((h) => h.name));
  assert.ok(shown[i].more.startsWith(`${hits[i].title} · ${home.name}`), `${person.name}: title and company (${shown[i].more})`);
  assert.deepEqual(shown.map((s) => s.more), hits.map((h) => hitDetails(h, hits)));
  await screenshot(page, "search-1280");
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
  await settled(page);
  const moved = await page.evaluate((ids) => {
    const cy = window.__srm.cy;
    return ids.map((id) => cy.getElementById(id).position());
  }, first.nodes.map((n) => n.id));
  assert.ok(moved.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)));
  await screenshot(page, "network-expanded-1280");
  await expectClean(opened);
});

/** The milliseconds since navigation of the page's marks: drawn, settled (laid out), links. */
function marksOf(page) {
  return page.evaluate(() => Object.fromEntries(performance.getEntriesByType("mark").map((m) => [m.name.replace("srm:network-", ""), Math.round(m.startTime)])));
}

/** Where a node of the graph is on the screen. */
function nodeOnScreen(page, id) {
  return page.evaluate((nodeId) => {
    const at = window.__srm.cy.getElementById(nodeId).renderedPosition();
    const box = document.querySelector(".graph").getBoundingClientRect();
    return { x: box.x + at.x, y: box.y + at.y };
  }, id);
}

/** Milliseconds from `act()` to `selector` on the page ("missed": not within 5 s). */
async function untilShown(page, act, selector) {
  const start = performance.now();
  await act();
  return page
    .waitForSelector(selector, { timeout: 5000 })
    .then(() => Math.round(performance.now() - start))
    .catch(() => "missed");
}

/** Milliseconds from a click on node `id` to its profile in the side panel ("missed": none in 5 s). */
async function clickToProfile(page, id) {
  await page.evaluate(() => document.querySelector(".side-panel").replaceChildren());
  const at = await nodeOnScreen(page, id);
  return untilShown(page, () => page.mouse.click(at.x, at.y), ".side-panel .profile h3");
}

/** Milliseconds from the pointer on node `id` to its name in the tooltip ("missed": none in 5 s). */
async function hoverToName(page, id) {
  await page.mouse.move(1, 1);
  await page.waitForSelector(".tooltip", { state: "hidden" });
  const at = await nodeOnScreen(page, id);
  return untilShown(page, () => page.mouse.move(at.x, at.y), ".tooltip:not([hidden])");
}

/**
 * Open the network of `focus` and measure it: when it is first drawn, laid out and all its
 * links in; the longest the page took to answer (round trips to it, one after the other,
 * from navigation until all is in); a click and a hover on the focus during the layout and
 * after it. Prints; asserts nothing on time.
 */
async function measureNetwork(page, focus, label) {
  await page.goto(`${ctx.server.url}/?focus=${encodeURIComponent(focus)}`);
  const trips = [];
  let done = false;
  const finished = settled(page).then(() => (done = true));
  const polling = (async () => {
    while (!done) {
      const start = performance.now();
      await page.evaluate(() => 0);
      trips.push(performance.now() - start);
    }
  })();
  const nodes = await drawnNodes(page);
  let during = null;
  if (!done) during = { click: await clickToProfile(page, focus), hover: await hoverToName(page, focus), laidOut: done };
  await finished;
  await polling;
  const marks = await marksOf(page);
  const after = { click: await clickToProfile(page, focus), hover: await hoverToName(page, focus) };
  const links = await page.getAttribute(".counts", "data-links");
  trips.sort((x, y) => x - y);
  console.log(
    `${label} (${nodes} nodes, ${links} links): drawn ${marks.drawn} ms after navigation, laid out at ` +
      `${marks.settled} ms, all links in at ${marks.links} ms; the page answered within ` +
      `${Math.round(trips.at(-1))} ms at worst meanwhile (median ${Math.round(trips[trips.length >> 1])} ms, ` +
      `${trips.length} round trips); ` +
      (during
        ? `while it was being laid out a click on the focus showed its profile in ${during.click} ms and ` +
          `hovering named it in ${during.hover} ms${during.laidOut ? " (the layout ended meanwhile)" : ""}; `
        : "it was laid out before a click could be made; ") +
      `after: ${after.click} ms and ${after.hover} ms`,
  );
  return nodes;
}

test("measure: page weight, time to the first drawn network, and how the page answers meanwhile", async () => {
  const { hits } = await ask("/v1/search?q=a&kind=company&limit=1");
  // Bytes as they came over the wire (compressed; none for what came from the cache).
  const weights = { assets: 0, api: 0, unpacked: 0 };
  const page = await (await ctx.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on("requestfinished", async (request) => {
    const { responseBodySize } = await request.sizes();
    const api = new URL(request.url()).pathname.startsWith("/v1/");
    weights[api ? "api" : "assets"] += Math.max(0, responseBodySize);
    if (!api && responseBodySize > 0) weights.unpacked += (await (await request.response())?.body().catch(() => null))?.length ?? 0;
  });
  await measureNetwork(page, hits[0].id, `first network, ${hits[0].name}`);
  await page.waitForLoadState("networkidle");
  console.log(
    `page weight: ${weights.assets} bytes of page assets over the wire (${weights.unpacked} unpacked), ` +
      `${weights.api} bytes of API answers (the first network)`,
  );

  // The largest network of the demo: of the people most often between others (brokers),
  // the one whose two hops reach most (the API's limit of 500 nodes).
  const { brokers } = await ask("/v1/network/brokers?limit=5");
  let largest = null;
  for (const b of brokers) {
    const ego = await ask(`/v1/network/ego/${encodeURIComponent(b.person_id)}?hops=2&limit=500`);
    if (!largest || ego.nodes.length > largest.nodes) largest = { id: b.person_id, name: b.name, nodes: ego.nodes.length };
  }
  const nodes = await measureNetwork(page, largest.id, `largest network, ${largest.name}`);
  assert.equal(nodes, largest.nodes);

  // The node list: a click opens it, its hundreds of rows made then.
  const clicked = performance.now();
  await page.click(".node-list summary");
  await page.waitForSelector(".node-list table.data");
  console.log(`the node list of ${nodes} rows opened ${Math.round(performance.now() - clicked)} ms after a click`);
  await page.context().close();
});
