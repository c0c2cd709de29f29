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
    if (mode === "shortest") await page.click("button:has-text('Shortest')");
    const answer = await ask(`/v1/paths?from=${from}&to=${target.account_id}&mode=${mode}&k=3`);
    await page.waitForSelector(`.paths-body .graph[data-state="drawn"], .result .empty`);
    const shown = await listedPaths(page);
    const want = expected(answer);
    assert.equal(shown.length, want.length, `${mode}: as many paths as the API`);
    shown.forEach((s, i) => {
      assert.ok(s.head.includes(`score ${want[i].score}`), `${mode} path ${i + 1} score: ${s.head}`);
      assert.ok(s.head.includes(`${want[i].hops} hop`), `${mode} path ${i + 1} hops`);
      assert.deepEqual(s.nodes, want[i].nodes);
      assert.deepEqual(s.hops, want[i].strengths);
    });
    await page.hover(".paths .path >> nth=0");
    await screenshot(page, `introductions-${mode}-1280`);
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
