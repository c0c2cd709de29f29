// Introductions: the paths the API finds, drawn and listed; shared links; the back button.

import assert from "node:assert/strict";
import { test } from "node:test";
import { ask, drawnNodes, expectClean, screenshot, strengthText, visit } from "./context.mjs";

async function homeAndTarget() {
  const { companies } = await ask("/v1/companies?limit=1000");
  const home = await ask(`/v1/companies/${companies.find((c) => c.is_home).id}`);
  const { accounts } = await ask("/v1/coverage?limit=1000");
  const target = accounts.find((a) => a.covered > 0) || accounts[0];
  return { home, target };
}

async function listedPaths(page) {
  return page.$$eval(".paths .path", (items) =>
    items.map((li) => ({
      head: li.querySelector(".path-head").innerText,
      nodes: [...li.querySelectorAll(".hop-node")].map((a) => new URL(a.href).searchParams.get("focus")),
      hops: [...li.querySelectorAll(".hop")].map((s) => s.innerText.split("·").pop().trim()),
    })),
  );
}

/** How the graph shows the paths: each element's id, classes, opacity and for a link its width and colour. */
function graphState(page) {
  return page.evaluate(() => {
    const cy = window.__srm.cy;
    return cy.elements().map((e) => ({
      id: e.id(),
      edge: e.isEdge(),
      ends: e.isEdge() ? [e.source().id(), e.target().id()].sort().join("|") : null,
      on: e.hasClass("on-path"),
      off: e.hasClass("off-path"),
      opacity: e.numericStyle("opacity"),
      width: e.isEdge() ? e.numericStyle("width") : null,
      baseWidth: e.isEdge() ? e.data("width") : null,
      colour: e.isEdge() ? e.style("line-color") : null,
      label: e.isNode() ? e.style("label") : null,
    }));
  });
}

/** The chosen path stands out on the graph: its nodes and links, and only those; the rest faded but in sight. */
function assertStandsOut(state, path, what) {
  const nodes = new Set(path.nodes.map((n) => (typeof n === "string" ? n : n.id)));
  const ends = new Set(path.edges.map((e) => [e.from, e.to].map((n) => (typeof n === "string" ? n : n.id)).sort().join("|")));
  const on = state.filter((e) => e.on);
  assert.deepEqual(new Set(on.filter((e) => !e.edge).map((e) => e.id)), nodes, `${what}: its nodes stand out`);
  assert.deepEqual(new Set(on.filter((e) => e.edge).map((e) => e.ends)), ends, `${what}: its links stand out`);
  for (const e of on) {
    assert.equal(e.opacity, 1, `${what}: ${e.id} at full opacity`);
    if (e.edge) {
      assert.ok(e.width > e.baseWidth, `${what}: ${e.id} thicker (${e.width} > ${e.baseWidth})`);
      assert.equal(e.colour, "rgb(204,121,167)", `${what}: ${e.id} in the path's colour`);
    } else assert.ok(e.label, `${what}: ${e.id} named`);
  }
  const rest = state.filter((e) => !e.on);
  for (const e of rest) {
    assert.ok(e.off, `${what}: ${e.id} marked off the path`);
    assert.ok(e.opacity > 0.1 && e.opacity < 1, `${what}: ${e.id} faded but visible (opacity ${e.opacity})`);
  }
}

function expected(answer) {
  return answer.paths.map((p) => ({
    score: strengthText(p.score),
    hops: p.hops,
    nodes: p.nodes.map((n) => (typeof n === "string" ? n : n.id)),
    strengths: p.edges.map((e) => strengthText(e.strength)),
  }));
}

test("introductions show the paths and scores of /v1/paths, strongest and shortest", async () => {
  const { home, target } = await homeAndTarget();
  const from = home.people[0].id;
  const opened = await visit("/?view=paths");
  const { page } = opened;
  await page.waitForSelector("select[name=from]");
  await page.fill(".pickers .search-input", target.name.slice(0, 6));
  await page.waitForSelector(".pickers [role=option]");
  await page.click(`.pickers [role=option]:has-text(${JSON.stringify(target.name)})`);
  await page.selectOption("select[name=from]", from);
  await page.waitForURL((url) => url.searchParams.get("to") === target.account_id && url.searchParams.get("from") === from);

  for (const mode of ["strongest", "shortest"]) {
    if (mode === "shortest") {
      await page.evaluate(() => (document.querySelector(".result").dataset.old = "yes"));
      await page.click("button:has-text('Shortest')");
    }
    const answer = await ask(`/v1/paths?from=${from}&to=${target.account_id}&mode=${mode}&k=3`);
    await page.waitForSelector(`.result:not([data-old]) .paths-body .graph[data-state="drawn"], .result:not([data-old]) .empty`);
    const shown = await listedPaths(page);
    const want = expected(answer);
    assert.equal(shown.length, want.length, `${mode}: as many paths as the API`);
    shown.forEach((s, i) => {
      assert.ok(s.head.includes(`score ${want[i].score}`), `${mode} path ${i + 1} score: ${s.head}`);
      assert.ok(s.head.includes(`${want[i].hops} hop`), `${mode} path ${i + 1} hops`);
      assert.deepEqual(s.nodes, want[i].nodes);
      assert.deepEqual(s.hops, want[i].strengths);
    });
    // The first path is shown at first; hovering another shows it, leaving shows the chosen
    // one again; a click chooses.
    assert.ok(answer.paths.length > 0, `${mode}: the demo has paths to ${target.name}`);
    assertStandsOut(await graphState(page), answer.paths[0], `${mode} path 1 at first`);
    for (const [i, path] of answer.paths.entries()) {
      await page.hover(`.paths .path >> nth=${i}`);
      await page.waitForSelector(`.paths-body .graph[data-path="${i + 1}"]`);
      assertStandsOut(await graphState(page), path, `${mode} path ${i + 1} hovered`);
    }
    const last = answer.paths.length - 1;
    if (last > 0) {
      await page.mouse.move(1, 1);
      await page.waitForSelector('.paths-body .graph[data-path="1"]');
      await page.click(`.paths .path >> nth=${last} >> .path-head`);
      await page.mouse.move(1, 1);
      await page.waitForSelector(`.paths-body .graph[data-path="${last + 1}"]`);
      assert.equal(await page.getAttribute(`.paths .path >> nth=${last}`, "aria-current"), "true");
      assertStandsOut(await graphState(page), answer.paths[last], `${mode} path ${last + 1} chosen`);
      await screenshot(page, `introductions-${mode}-1280`);
      // The keyboard chooses too.
      await page.focus(".paths .path >> nth=0");
      await page.keyboard.press("Enter");
      await page.mouse.move(1, 1);
      assert.equal(await page.getAttribute(".paths .path >> nth=0", "aria-current"), "true");
    } else {
      await screenshot(page, `introductions-${mode}-1280`);
    }
  }
  await expectClean(opened);
});

test("a shared link restores its view, and the back button walks back", async () => {
  const { home, target } = await homeAndTarget();
  const first = await visit(`/?focus=${target.account_id}&as_of=2026-01-01`);
  const nodes = await drawnNodes(first.page);
  const ego = await ask(`/v1/network/ego/${target.account_id}?as_of=2026-01-01`);
  assert.equal(nodes, ego.nodes.length, "the as-of date of the link is asked");
  assert.equal(await first.page.inputValue("#as-of"), "2026-01-01");

  // The same link in a fresh page shows the same.
  const again = await visit(new URL(first.page.url()).search ? `/${new URL(first.page.url()).search}` : "/");
  assert.equal(await drawnNodes(again.page), nodes);
  await expectClean(again);

  const { page } = first;
  await page.click(".tabs a:has-text('Account')");
  await page.waitForSelector(".summary");
  await page.click(".tabs a:has-text('Introductions')");
  await page.waitForSelector("select[name=from]");
  await page.selectOption("select[name=from]", home.people[0].id);
  await page.waitForURL((url) => url.searchParams.get("from") === home.people[0].id);
  await page.goBack();
  await page.waitForURL((url) => url.searchParams.get("view") === "paths" && !url.searchParams.get("from"));
  await page.goBack();
  await page.waitForURL((url) => url.searchParams.get("view") === "account");
  await page.waitForSelector(".summary");
  assert.equal(new URL(page.url()).searchParams.get("focus"), target.account_id);
  await page.goBack();
  assert.equal(await drawnNodes(page), nodes, "back to the network as it was");
  assert.equal(new URL(page.url()).searchParams.get("as_of"), "2026-01-01");
  await expectClean(first);
});
