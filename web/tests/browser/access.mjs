// A service that needs a key, an API error, and /docs on a closed network.

import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ask, ctx, drawnNodes, expectClean, screenshot, visit } from "./context.mjs";
import { api, openPage, srm, startServer } from "./harness.mjs";

const REFUSED = [/401/];

test("against a service with API keys, the page asks for a token and uses it", async () => {
  const dir = await mkdtemp(join(tmpdir(), "srm-web-keys-"));
  const token = srm(dir, "keys", "create", "web", "--scopes", "read").match(/srm_\S+/)[0];
  const server = await startServer({ dataDir: dir });
  try {
    const { hits } = await api(server.url, "/v1/search?q=a&kind=company&limit=1", token);
    const opened = await openPage(ctx.browser, `${server.url}/?focus=${hits[0].id}`);
    const { page } = opened;
    await page.waitForSelector("dialog.token-dialog[open]");
    assert.ok((await page.innerText("dialog .detail")).includes("API key"), "says why");
    await screenshot(page, "token-prompt-1280");
    await page.fill("#token-input", "srm_wrong.token");
    await page.click("dialog button:has-text('Use token')");
    await page.waitForSelector("dialog.token-dialog[open] .detail:has-text('unknown, revoked or expired')");
    await page.fill("#token-input", token);
    await page.click("dialog button:has-text('Use token')");
    const ego = await api(server.url, `/v1/network/ego/${hits[0].id}`, token);
    assert.equal(await drawnNodes(page), ego.nodes.length);
    assert.equal(await page.evaluate(() => sessionStorage.getItem("srm-token")), token, "kept for the tab");
    await page.reload();
    assert.equal(await drawnNodes(page), ego.nodes.length, "no second prompt in the same tab");
    assert.equal(await page.locator("dialog[open]").count(), 0);
    await expectClean(opened, { allow: REFUSED });
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
});

test("a request that fails shows the API's detail", async () => {
  const opened = await visit("/?view=account&focus=no-such-company");
  const { page } = opened;
  await page.waitForSelector(".error .detail");
  const response = await fetch(`${ctx.server.url}/v1/companies/no-such-company/coverage`);
  const problem = await response.json();
  assert.equal(response.status, 404);
  assert.equal(await page.innerText(".error .detail"), problem.detail);
  await screenshot(page, "error-1280");
  await expectClean(opened, { allow: [/404/] });
});

test("/docs renders with no request outside the page's origin", async () => {
  const opened = await visit("/docs");
  const { page } = opened;
  await page.waitForSelector(".swagger-ui .info .title");
  const { info } = await ask("/openapi.json");
  assert.ok((await page.innerText(".swagger-ui .info .title")).includes(info.title));
  await page.waitForSelector(".swagger-ui .opblock");
  await page.waitForLoadState("networkidle");
  await screenshot(page, "docs-1280");
  await expectClean(opened);
});
