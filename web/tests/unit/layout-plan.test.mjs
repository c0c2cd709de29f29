import assert from "node:assert/strict";
import { test } from "node:test";
import { DRAFT_ABOVE, elasticity, fcoseOptions, idealLength, pullingEdges, ringOrder } from "../../src/layout-plan.js";

const tie = (id, source, target, strength) => ({ id, source, target, type: "KNOWS", strength });

test("each node's three strongest ties pull, every other kind of link too", () => {
  // a knows b..e (strengths 10..40); f hangs on one weak tie to e.
  const edges = [
    tie("ab", "a", "b", 10),
    tie("ac", "a", "c", 20),
    tie("ad", "a", "d", 30),
    tie("ae", "a", "e", 40),
    tie("ef", "e", "f", 1),
    { id: "w", source: "a", target: "x", type: "WORKS_AT", strength: null },
  ];
  const kept = pullingEdges(edges);
  assert.deepEqual([...kept].sort(), ["ab", "ac", "ad", "ae", "ef", "w"]);
  assert.ok(kept.has("ae") && kept.has("ad") && kept.has("ac"), "a's three strongest");
  assert.ok(kept.has("ab"), "b's only tie pulls: no node floats free");
  assert.ok(kept.has("ef"), "f's only tie pulls, however weak");
  assert.ok(kept.has("w"));
});

test("a tie none of its ends counts among its three strongest does not pull", () => {
  const edges = [];
  // a and b each have four stronger ties elsewhere; their own tie is the weakest of both.
  for (const [n, s] of [["c", 50], ["d", 60], ["e", 70], ["f", 80]]) {
    edges.push(tie(`a${n}`, "a", n, s), tie(`b${n}`, "b", `${n}2`, s));
  }
  edges.push(tie("ab", "a", "b", 5));
  assert.equal(pullingEdges(edges).has("ab"), false);
  assert.equal(pullingEdges(edges, 5).has("ab"), true);
});

test("stronger ties are shorter and pull harder", () => {
  assert.ok(idealLength({ type: "KNOWS", strength: 90 }) < idealLength({ type: "KNOWS", strength: 10 }));
  assert.ok(elasticity({ type: "KNOWS", strength: 90 }) > elasticity({ type: "KNOWS", strength: 10 }));
  assert.equal(idealLength({ type: "WORKS_AT", strength: null }), 80);
});

test("fCoSE: default quality, draft only for very large networks; an expansion starts from the drawing", () => {
  assert.equal(fcoseOptions(400).quality, "default");
  assert.equal(fcoseOptions(DRAFT_ABOVE + 1).quality, "draft");
  assert.equal(fcoseOptions(400).randomize, true);
  const incremental = fcoseOptions(DRAFT_ABOVE + 1, { incremental: true });
  assert.equal(incremental.randomize, false);
  assert.equal(incremental.quality, "default", "fCoSE starts from positions in its default quality only");
  assert.equal(fcoseOptions(10).animate, false);
});

test("rings: nearest first, a company's people together after it, then by name", () => {
  const nodes = [
    { id: "p3", name: "Zoe", label: "Person", distance: 1 },
    { id: "c2", name: "Beta", label: "Company", distance: 1 },
    { id: "p1", name: "Anna", label: "Person", distance: 0 },
    { id: "p4", name: "Bob", label: "Person", distance: 1 },
    { id: "p5", name: "Carl", label: "Person", distance: 2 },
    { id: "p2", name: "Ada", label: "Person", distance: 1 },
  ];
  const employer = (id) => ({ p3: "c2", p2: "c2", p4: "c9" })[id] || null;
  assert.deepEqual(ringOrder(nodes, employer), ["p1", "c2", "p2", "p3", "p4", "p5"]);
});
