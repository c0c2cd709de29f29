// Strength, timeline, reciprocity, at-risk and the as-of date: each shows what its API answers.

import assert from "node:assert/strict";
import { test } from "node:test";
import { ask, expectClean, rowsOf, screenshot, strengthText, visit } from "./context.mjs";

const NARROW = { viewport: { width: 375, height: 800 } };
const amount = (n) => new Intl.NumberFormat("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n);

async function coveredPair() {
  const { accounts } = await ask("/v1/coverage?limit=1000");
  for (const a of accounts.filter((x) => x.covered > 0)) {
    const coverage = await ask(`/v1/companies/${a.account_id}/coverage`);
    const exec = coverage.executives.find((e) => e.best_contact);
    if (exec) return { account: a, ours: exec.best_contact.person_id, theirs: exec.person_id };
  }
  throw new Error("the demo has no covered executive");
}

async function homeId() {
  const { companies } = await ask("/v1/companies?limit=1000");
  return companies.find((c) => c.is_home).id;
}

test("strength, explained: the score and what it is made of, for people and companies", async () => {
  const { account, ours, theirs } = await coveredPair();
  const opened = await visit(`/?a=${ours}&b=${theirs}`);
  const { page } = opened;
  await page.waitForSelector(".strength .score-number");
  const answer = await ask(`/v1/strength?a=${ours}&b=${theirs}`);
  assert.equal(await page.innerText(".score-number"), strengthText(answer.strength));
  const facts = await page.$$eval(".strength dl.facts dd", (dds) => dds.map((d) => d.innerText));
  assert.equal(facts[0], String(answer.components.interactions));
  const chips = await page.$$eval(".strength .chips li", (lis) => lis.map((l) => l.innerText).sort());
  assert.deepEqual(chips, Object.entries(answer.components.by_kind).map(([k, n]) => `${k.replace(/_/g, " ")} ${n}`).sort());
  assert.equal(await page.locator(".interactions li").count(), answer.components.top_interactions.length);
  assert.ok(!(await page.innerText(".interactions")).includes(answer.components.top_interactions[0]), "interactions read by subject, not id");
  await screenshot(page, "strength-people-1280");

  const home = await homeId();
  await page.goto(`${new URL(page.url()).origin}/?a=${home}&b=${account.account_id}`);
  await page.waitForSelector(".strength table.data");
  const companies = await ask(`/v1/strength?a=${home}&b=${account.account_id}`);
  assert.equal(await page.innerText(".score-number"), strengthText(companies.strength));
  const pairs = await rowsOf(page, ".strength");
  assert.deepEqual(pairs.map((r) => r[2]), companies.pairs.map((p) => strengthText(p.strength)));
  await screenshot(page, "strength-companies-1280");
  await expectClean(opened);
});

test("a timeline lists the interactions newest first, a page at a time", async () => {
  const { account } = await coveredPair();
  const opened = await visit(`/?view=timeline&focus=${account.account_id}`);
  const { page } = opened;
  await page.waitForSelector(".timeline table.data");
  const first = await ask(`/v1/companies/${account.account_id}/timeline?limit=50`);
  const ids = () => page.$$eval(".timeline tbody tr", (rows) => rows.map((r) => r.dataset.id));
  assert.deepEqual(await ids(), first.entries.map((e) => e.id));
  const subjects = (await rowsOf(page, ".timeline")).map((r) => r[2]);
  assert.deepEqual(subjects, first.entries.map((e) => e.subject || "(no subject)"));
  await screenshot(page, "timeline-1280");
  if (first.more) {
    await page.click("button:has-text('Older interactions')");
    const second = await ask(`/v1/companies/${account.account_id}/timeline?limit=50&cursor=${first.next_cursor}`);
    const want = [...first.entries, ...second.entries].map((e) => e.id);
    await page.waitForFunction((n) => document.querySelectorAll(".timeline tbody tr").length === n, want.length);
    assert.deepEqual(await ids(), want);
  }
  await expectClean(opened);
  const narrow = await visit(`/?view=timeline&focus=${account.account_id}`, NARROW);
  await narrow.page.waitForSelector(".timeline table.data");
  await screenshot(narrow.page, "timeline-375");
  await expectClean(narrow);
});

test("reciprocity shows the pairs and a company's partners as the API values them, marked audited", async () => {
  const opened = await visit("/?view=reciprocity");
  const { page } = opened;
  await page.waitForSelector(".pairs table.data");
  assert.ok(await page.isVisible(".banner.audited"));
  const all = await ask("/v1/reciprocity?limit=100");
  const { companies } = await ask("/v1/companies?limit=1000");
  const name = new Map(companies.map((c) => [c.id, c.name]));
  const rows = await rowsOf(page, ".pairs");
  assert.deepEqual(rows.map((r) => [r[0], r[1]]), all.pairs.map((p) => [name.get(p.a), name.get(p.b)]));
  all.pairs.forEach((p, i) => {
    const ab = p.value_ab === null ? p.ab_by_currency.map((m) => m.amount) : [p.value_ab];
    for (const n of ab) assert.ok(rows[i][2].includes(amount(n)), `${rows[i][2]} shows ${amount(n)}`);
  });
  await screenshot(page, "reciprocity-1280");

  const home = await homeId();
  await page.click(`.pairs a:has-text(${JSON.stringify(name.get(home))}) >> nth=0`);
  await page.waitForSelector("h3:has-text('Opportunities')");
  const mine = await ask(`/v1/companies/${home}/reciprocity`);
  assert.equal(await page.locator("h3:has-text('Mutual partners')").innerText(), `Mutual partners (${mine.mutual.length})`);
  assert.equal(await page.locator("h3:has-text('Opportunities')").innerText(), `Opportunities (${mine.opportunities.length})`);
  await screenshot(page, "reciprocity-company-1280");
  const audit = await ask("/v1/audit?limit=50");
  assert.ok(audit.entries.some((e) => e.route.includes("reciprocity")), "the reads are in the audit trail");
  await expectClean(opened);
  const narrow = await visit("/?view=reciprocity", NARROW);
  await narrow.page.waitForSelector(".pairs table.data");
  await screenshot(narrow.page, "reciprocity-375");
  await expectClean(narrow);
});

test("at risk lists the ties and accounts the API flags, each opening its view", async () => {
  const query = "window_days=180&drop=0.3";
  const opened = await visit(`/?view=at-risk&${query}`);
  const { page } = opened;
  await page.waitForFunction(() => document.querySelector("main h2") && !document.querySelector("main .loading"));
  const schema = await ask("/openapi.json");
  const takes = schema.paths["/v1/relationships/at-risk"].get.parameters.map((p) => p.name);
  const answer = await ask(`/v1/relationships/at-risk?${query}${takes.includes("limit") ? "&limit=100" : ""}`);
  const tables = await page.$$eval("table.data", (ts) => ts.map((t) => t.querySelector("caption").innerText));
  const ties = answer.ties.length ? await rowsOf(page, "table.data:has(caption:has-text('Weakening')) ") : [];
  assert.equal(ties.length, answer.ties.length);
  ties.forEach((row, i) => assert.equal(row[4], strengthText(answer.ties[i].strength)));
  const accounts = answer.accounts.length ? await rowsOf(page, "table.data:has(caption:has-text('Untouched'))") : [];
  assert.deepEqual(accounts.map((r) => r[0]), answer.accounts.map((a) => a.name));
  assert.ok(tables.length + (await page.locator(".empty").count()) >= 2, "both lists are shown, or said empty");
  await screenshot(page, "at-risk-1280");
  if (answer.accounts.length) {
    await page.click("table.data:has(caption:has-text('Untouched')) tbody tr >> nth=0");
    await page.waitForURL((url) => url.searchParams.get("focus") === answer.accounts[0].account_id);
    await page.waitForSelector(".summary");
  } else if (answer.ties.length) {
    await page.click("table.data:has(caption:has-text('Weakening')) tbody tr >> nth=0");
    await page.waitForSelector(".strength .score-number");
  }
  await expectClean(opened);
  const narrow = await visit(`/?view=at-risk&${query}`, NARROW);
  await narrow.page.waitForSelector("main h2");
  await narrow.page.waitForFunction(() => !document.querySelector("main .loading"));
  const width = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `nothing wider than the screen (${width} px)`);
  await screenshot(narrow.page, "at-risk-375");
  await expectClean(narrow);
});

test("the as-of date asks every view at that date and stays in the address", async () => {
  const { account } = await coveredPair();
  const opened = await visit(`/?view=account&focus=${account.account_id}`);
  const { page } = opened;
  await page.waitForSelector(".summary");
  await page.fill("#as-of", "2025-06-01");
  await page.waitForURL((url) => url.searchParams.get("as_of") === "2025-06-01");
  const then = await ask(`/v1/companies/${account.account_id}/coverage?as_of=2025-06-01`);
  await page.waitForSelector(".summary");
  const rows = await rowsOf(page);
  assert.deepEqual(rows.map((r) => r[0]), then.executives.map((e) => e.name));
  assert.deepEqual(rows.map((r) => Number(r[4])), then.executives.map((e) => e.threads));
  await page.click(".tabs a:has-text('Portfolio')");
  await page.waitForSelector(".portfolio table.data");
  assert.equal(new URL(page.url()).searchParams.get("as_of"), "2025-06-01", "the date goes with the view");
  const portfolio = await ask("/v1/coverage?limit=100&as_of=2025-06-01");
  assert.deepEqual((await rowsOf(page, ".portfolio")).map((r) => r[0]), portfolio.accounts.map((a) => a.name));
  await expectClean(opened);
});
