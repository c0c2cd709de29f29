// The account view and the portfolio.

import assert from "node:assert/strict";
import { test } from "node:test";
import { ask, expectClean, rowsOf, screenshot, visit } from "./context.mjs";

/** An account with executives both covered and not, if the demo has one. */
async function mixedAccount() {
  const { accounts } = await ask("/v1/coverage?limit=1000");
  return (
    accounts.find((a) => a.covered > 0 && a.covered < a.executives) ||
    accounts.find((a) => a.executives > 0)
  );
}

test("an account shows the covered and uncovered executives the API reports", async () => {
  const account = await mixedAccount();
  const coverage = await ask(`/v1/companies/${encodeURIComponent(account.account_id)}/coverage`);
  const opened = await visit(`/?view=account&focus=${encodeURIComponent(account.account_id)}`);
  const { page } = opened;
  await page.waitForSelector(".summary");
  const rows = await rowsOf(page);
  assert.deepEqual(
    rows.map((r) => [r[0], r[3].includes("not covered") ? "uncovered" : "covered", Number(r[4])]),
    coverage.executives.map((e) => [e.name, e.covered ? "covered" : "uncovered", e.threads]),
  );
  const single = await page.isVisible("text=Single-threaded");
  assert.equal(single, coverage.single_threaded);
  assert.equal(await page.isVisible("text=cover none of the executives"), coverage.account_managers.length > 0 && coverage.account_manager_covers.length === 0);
  await screenshot(page, "account-1280");
  await expectClean(opened);
});

test("the portfolio lists the accounts worst first, filters by tier, and opens an account", async () => {
  const opened = await visit("/?view=portfolio");
  const { page } = opened;
  await page.waitForSelector(".portfolio table.data");
  const all = await ask("/v1/coverage?limit=100");
  assert.deepEqual((await rowsOf(page, ".portfolio")).map((r) => r[0]), all.accounts.map((a) => a.name));
  await screenshot(page, "portfolio-1280");

  await page.selectOption("select[name=tier]", "key");
  await page.waitForURL((url) => url.searchParams.get("tier") === "key");
  const key = await ask("/v1/coverage?limit=100&tier=key");
  await page.waitForFunction((n) => document.querySelectorAll(".portfolio tbody tr").length === n, key.accounts.length);
  assert.deepEqual((await rowsOf(page, ".portfolio")).map((r) => r[0]), key.accounts.map((a) => a.name));

  await page.click(".portfolio tbody tr >> nth=0");
  await page.waitForURL((url) => url.searchParams.get("view") === "account");
  assert.equal(new URL(page.url()).searchParams.get("focus"), key.accounts[0].account_id);
  await page.waitForSelector(".summary");
  await page.goBack();
  await page.waitForSelector(".portfolio table.data");
  assert.equal(await page.inputValue("select[name=tier]"), "key", "back restores the filtered portfolio");
  await expectClean(opened);
});

test("the portfolio and an account read on a 375 px screen", async () => {
  const account = await mixedAccount();
  const narrow = { viewport: { width: 375, height: 800 } };
  const portfolio = await visit("/?view=portfolio", narrow);
  await portfolio.page.waitForSelector(".portfolio table.data");
  const width = await portfolio.page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 375, `nothing wider than the screen (${width} px)`);
  await screenshot(portfolio.page, "portfolio-375");
  await expectClean(portfolio);
  const view = await visit(`/?view=account&focus=${encodeURIComponent(account.account_id)}`, narrow);
  await view.page.waitForSelector(".summary");
  await screenshot(view.page, "account-375");
  await expectClean(view);
});
