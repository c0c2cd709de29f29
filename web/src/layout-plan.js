// How a network is laid out, as data: which ties pull on the layout, the fCoSE options for
// its size, and the order of the rings drawn before it. Pure: no DOM, no Cytoscape
// (unit-tested with node --test; the layout worker and the page share it).

/** Above this many nodes fCoSE lays out in draft quality (its spectral step only). */
export const DRAFT_ABOVE = 800;

/**
 * Only the strongest ties pull on the layout (all are drawn): each node's few strongest, so
 * that a dense network spreads out instead of collapsing, and none floats free. Other
 * links (works at, supplies, manages) always pull. `edges` are {id, source, target, type,
 * strength}; returns the ids of those that pull.
 */
export function pullingEdges(edges, perNode = 3) {
  const kept = new Set();
  const ties = new Map(); // node id -> its ties
  for (const e of edges) {
    if (e.type !== "KNOWS") {
      kept.add(e.id);
      continue;
    }
    for (const end of [e.source, e.target]) {
      if (!ties.has(end)) ties.set(end, []);
      ties.get(end).push(e);
    }
  }
  const stronger = (x, y) => (y.strength ?? 0) - (x.strength ?? 0) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
  for (const list of ties.values()) {
    list.sort(stronger);
    for (const e of list.slice(0, perNode)) kept.add(e.id);
  }
  return kept;
}

/** How long a link would like to be: the stronger the tie, the shorter. */
export function idealLength(edge) {
  return edge.type === "KNOWS" ? 110 - (edge.strength ?? 0) / 2 : 80;
}

/** How hard a link pulls: the stronger the tie, the harder. */
export function elasticity(edge) {
  return edge.type === "KNOWS" ? 0.2 + (edge.strength ?? 0) / 250 : 0.45;
}

/**
 * The fCoSE options (without its callbacks) for `nodes` nodes: draft quality above
 * DRAFT_ABOVE, never animated (the page moves the nodes once the layout is done).
 * `incremental` starts from where the nodes are (an expansion) instead of afresh, which
 * fCoSE does in its default quality only.
 */
export function fcoseOptions(nodes, { incremental = false } = {}) {
  return {
    name: "fcose",
    quality: nodes > DRAFT_ABOVE && !incremental ? "draft" : "default",
    randomize: !incremental,
    animate: false,
    fit: false,
    nodeDimensionsIncludeLabels: false,
    nodeSeparation: 60,
    padding: 30,
  };
}

/** The repulsion every node gets (fCoSE takes a function). */
export const NODE_REPULSION = 12000;

/**
 * The order of the rings drawn at once, before the layout: nearest first, and within a
 * ring the people of one company together (their company first), then by name. `nodes`
 * are {id, name, label, distance}; `employer(id)` is a person's company id or null.
 * Returns the ids in order.
 */
export function ringOrder(nodes, employer) {
  const group = (n) => (n.label === "Company" ? n.id : employer(n.id) || "~");
  const rank = (n) => [n.distance ?? 0, group(n), n.label === "Company" ? 0 : 1, n.name || "", n.id];
  return nodes
    .map((n) => ({ id: n.id, key: rank(n) }))
    .sort((x, y) => {
      for (let i = 0; i < x.key.length; i++) {
        if (x.key[i] < y.key[i]) return -1;
        if (x.key[i] > y.key[i]) return 1;
      }
      return 0;
    })
    .map((n) => n.id);
}
