// A busy service: a real `srm serve --demo` that answers one heavy question at a time and
// refuses others at once (503, Retry-After). The page asks again once by itself, then says
// when to retry and offers to.

import assert from "node:assert/strict";
import { test } from "node:test";
import { ctx, expectClean, screenshot } from "./context.mjs";
import { api, openPage, startServer } from "./harness.mjs";

const BUSY = { SRM_HEAVY_SLOTS: "1", SRM_BUSY_WAIT_SECONDS: "0.01" };
const HEAVY = "/v1/network/brokers?limit=5"; // about half a second of the service's time

/**
 * Keep the service busy from the page: `heavy` questions, two at a time, until stopBusy
 * (or for `forMs`).
 */
function keepBusy(page, { heavy = HEAVY, forMs = null } = {}) {
  return page.evaluate(
    ({ heavy, forMs }) => {
      window.__busy = true;
      const until = forMs === null ? Infinity : performance.now() + forMs;
      const loop = async () => {
        while (window.__busy && performance.now() < until) await fetch(heavy, { cache: "no-store" }).catch(() => null);
      };
      window.__loops = Promise.all([loop(), loop()]);
    },
    { heavy, forMs },
  );
}

function stopBusy(page) {
  return page.evaluate(async () => {
    window.__busy = false;
    await window.__loops;
  });
}

/** Pick `value` in the portfolio's `name` filter; resolves once the new view has answered (a table, or an error). */
async function filter(page, name, value) {
  await page.evaluate(() => (document.querySelector(".portfolio").dataset.old = "yes"));
  await page.selectOption(`select[name=${name}]`, value);
  await page.waitForSelector(".portfolio:not([data-old]) table.data, .portfolio:not([data-old]) .empty, .more .error", { timeout: 60_000 });
  return (await page.locator(".more .error").count()) > 0 ? "error" : "answered";
}

test("a busy service: asked again once by itself, then 'busy, retry in N s' and a Retry button", async () => {
  const server = await startServer({ env: BUSY });
  try {
    const opened = await openPage(ctx.browser, `${server.url}/?view=portfolio`);
    const { page } = opened;
    await page.waitForSelector(".portfolio table.data");
    const coverage = []; // [query, status] of every /v1/coverage the page asks
    page.on("response", (response) => {
      const url = new URL(response.url());
      if (url.pathname === "/v1/coverage") coverage.push([url.search, response.status()]);
    });

    // Several heavy questions at once: the service answers one and refuses the others. (Not
    // from the browser's cache, which would hold the same questions back until the first
    // is answered.)
    const burst = await page.evaluate(
      (heavy) =>
        Promise.all(
          Array.from({ length: 5 }, () =>
            fetch(heavy, { cache: "no-store" }).then(async (r) => ({ status: r.status, retryAfter: r.headers.get("Retry-After"), body: await r.json() })),
          ),
        ),
      HEAVY,
    );
    const refused = burst.filter((r) => r.status === 503);
    assert.ok(burst.some((r) => r.status === 200), "one is answered");
    assert.ok(refused.length > 0, "the others are refused");
    const wait = Number(refused[0].retryAfter);
    assert.ok(wait > 0, "with a Retry-After");

    // Kept busy, the page's question is refused twice (once more after the wait), then shown.
    await keepBusy(page);
    let outcome = "answered";
    for (const tier of ["key", "strategic", "standard"]) {
      // Seldom, the page's question finds the slot free; then ask another.
      outcome = await filter(page, "tier", tier);
      if (outcome === "error") break;
    }
    assert.equal(outcome, "error", "the page said the service was busy");
    const asked = coverage.filter(([, status]) => status === 503).map(([query]) => query);
    const query = asked.at(-1);
    assert.equal(coverage.filter(([q]) => q === query).length, 2, "asked twice: once, and once more by itself");
    assert.equal((await page.innerText(".more .error strong")).trim(), `Busy, retry in ${wait} s.`);
    assert.equal(await page.innerText(".more .error .detail"), refused[0].body.detail);
    assert.ok(await page.isVisible(".more .error button:has-text('Retry')"));
    await screenshot(page, "busy-1280");

    // Free again, Retry shows the accounts.
    await stopBusy(page);
    await page.click(".more .error button:has-text('Retry')");
    await page.waitForSelector(".portfolio table.data, .portfolio .empty");
    const tier = new URLSearchParams(query).get("tier");
    const { accounts } = await api(server.url, `/v1/coverage?tier=${tier}&limit=100`);
    assert.equal(await page.locator(".portfolio tbody tr").count(), accounts.length);

    // Refused once, the page asks again after the wait and shows the answer, no error. (Kept
    // busy a moment only, by shorter questions, all answered before the page asks again:
    // each holds the slot several times as long as a question waits for one, so the page's
    // seldom slips in between them.)
    const { hits } = await api(server.url, "/v1/search?q=a&kind=company&limit=1");
    const shorter = `/v1/network/ego/${hits[0].id}?hops=3`;
    let retried = false;
    for (const relationship of ["customer", "supplier", ""]) {
      const before = coverage.length;
      await keepBusy(page, { heavy: shorter, forMs: 300 });
      assert.equal(await filter(page, "relationship", relationship), "answered");
      await stopBusy(page);
      const statuses = coverage.slice(before).map(([, status]) => status);
      if (statuses[0] === 503) {
        assert.deepEqual(statuses, [503, 200], "refused, then answered");
        retried = true;
        break;
      }
    }
    assert.ok(retried, "a refused question was asked again and answered");
    await expectClean(opened, { allow: [/503/] });
  } finally {
    await server.stop();
  }
});
