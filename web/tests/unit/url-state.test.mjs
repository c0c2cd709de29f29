import assert from "node:assert/strict";
import { test } from "node:test";
import { formatState, parseState, patchState, sameState } from "../../src/url-state.js";

test("a focus alone means the network view", () => {
  assert.deepEqual(parseState("?focus=c0013"), { view: "network", focus: "c0013" });
});

test("from and to alone mean introductions", () => {
  assert.deepEqual(parseState("?from=p1&to=c2"), { view: "paths", from: "p1", to: "c2" });
});

test("a and b alone mean the strength view", () => {
  assert.equal(parseState("?a=p1&b=p2").view, "strength");
});

test("the empty query string is the network start page", () => {
  assert.deepEqual(parseState(""), { view: "network" });
});

test("unknown keys, unknown views and malformed dates are dropped", () => {
  assert.deepEqual(parseState("?view=nope&as_of=yesterday&x=1&focus=c1"), {
    view: "network",
    focus: "c1",
  });
});

test("a state survives a round trip through the query string", () => {
  const state = { view: "account", focus: "sf:001bm00001ZL8U9AAL", as_of: "2025-07-01" };
  assert.deepEqual(parseState(formatState(state)), state);
  assert.equal(formatState(state), "?view=account&focus=sf%3A001bm00001ZL8U9AAL&as_of=2025-07-01");
});

test("the implied view is left out of the query string, keys keep one order", () => {
  assert.equal(formatState({ to: "c2", view: "paths", from: "p1" }), "?from=p1&to=c2");
  assert.equal(formatState({ view: "network" }), "");
  assert.equal(formatState({ as_of: "2025-01-02", focus: "c1", view: "network" }), "?focus=c1&as_of=2025-01-02");
});

test("patching removes keys set to null or empty, and keeps the rest", () => {
  const state = { view: "portfolio", tier: "key", as_of: "2025-01-01" };
  assert.deepEqual(patchState(state, { tier: null, relationship: "customer" }), {
    view: "portfolio",
    as_of: "2025-01-01",
    relationship: "customer",
  });
});

test("states that read the same are the same", () => {
  assert.ok(sameState({ view: "network", focus: "c1" }, { focus: "c1", view: "network" }));
  assert.ok(!sameState({ view: "network", focus: "c1" }, { view: "account", focus: "c1" }));
});
