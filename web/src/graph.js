// The network drawn with Cytoscape.js and laid out by fCoSE: nodes told apart by colour
// and shape, sized by seniority; edges as wide as the tie is strong.

import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";
import { COMPANY_SIZE, DEFAULT_SIZE, SIZES, STYLE, widthOf } from "./graph-style.js";

cytoscape.use(fcose);

/** Which side a person is on: ours when they work at (or manage accounts for) our company. */
function ourPeople(network, homeId, alsoOurs) {
  const ours = new Set(alsoOurs);
  for (const e of network.edges) {
    // Ego networks go person -> company; paths walk through the company either way.
    if (e.type === "WORKS_AT" && e.to === homeId) ours.add(e.from);
    if (e.type === "WORKS_AT" && e.from === homeId) ours.add(e.to);
    if (e.type === "MANAGES_ACCOUNT") ours.add(e.from);
  }
  return ours;
}

function nodeElement(node, ours, homeId) {
  const classes = [];
  if (node.label === "Company") classes.push("company", node.id === homeId ? "home" : null);
  else classes.push(ours.has(node.id) ? "ours" : "theirs", node.seniority);
  const size = node.label === "Company" ? COMPANY_SIZE : SIZES[node.seniority] || DEFAULT_SIZE;
  return {
    group: "nodes",
    data: { ...node, size },
    classes: classes.filter(Boolean).join(" "),
  };
}

function edgeId(e) {
  return `${e.type}:${e.from}>${e.to}`;
}

function edgeElement(e) {
  return {
    group: "edges",
    data: {
      id: edgeId(e),
      source: e.from,
      target: e.to,
      type: e.type,
      strength: e.strength,
      width: widthOf(e.strength),
    },
    classes: e.type,
  };
}

/**
 * A graph in `container`: `onNode(data)` and `onEdge(data)` when one is clicked (or
 * tapped), `onHover(data, position)` / `onHover(null)` as the pointer moves.
 */
export function createGraph(container, { onNode, onEdge, onHover } = {}) {
  const cy = cytoscape({
    container,
    style: STYLE,
    layout: { name: "preset" }, // laid out once the elements are in (see layout())
    minZoom: 0.05,
    maxZoom: 4,
    wheelSensitivity: 0.3,
    boxSelectionEnabled: false,
    hideEdgesOnViewport: true, // panning a 500-node graph stays smooth
  });
  if (onNode) cy.on("tap", "node", (evt) => onNode(evt.target.data()));
  if (onEdge) cy.on("tap", "edge", (evt) => onEdge(evt.target.data()));
  if (onHover) {
    cy.on("mouseover", "node, edge", (evt) =>
      onHover(evt.target.data(), evt.renderedPosition || evt.target.renderedPosition()),
    );
    cy.on("mouseout", "node, edge", () => onHover(null));
  }
  return cy;
}

/**
 * Add a network answer ({nodes, edges}) to the graph; nodes already drawn keep their
 * place. `homeId` and `alsoOurs` (ids of our people) tell our people from theirs.
 * Returns the number of nodes added.
 */
export function mergeNetwork(cy, network, { homeId, alsoOurs = [] } = {}) {
  const ours = ourPeople(network, homeId, alsoOurs);
  const nodes = network.nodes.filter((n) => cy.getElementById(n.id).empty());
  const edges = network.edges.filter((e) => cy.getElementById(edgeId(e)).empty());
  cy.batch(() => {
    cy.add(nodes.map((n) => nodeElement(n, ours, homeId)));
    cy.add(edges.map(edgeElement));
    // A person first drawn without their employer learns their side once it is known.
    for (const id of ours) cy.getElementById(id).removeClass("theirs").addClass("ours");
  });
  return nodes.length;
}

/** Hide ties (KNOWS) weaker than `min`. */
export function hideWeakTies(cy, min) {
  cy.batch(() => {
    cy.edges(".KNOWS").forEach((e) => {
      e.toggleClass("weak", (e.data("strength") ?? 0) < min);
    });
  });
}

// Only the strongest ties pull on the layout (all are drawn): a few per node give the
// shape of a dense network, where every tie would pull every node onto every other, and
// keep a 500-node layout within a second or two.
const PULLING_TIES_PER_NODE = 3;

function pullingElements(cy) {
  const ties = cy.edges(".KNOWS").sort((x, y) => (y.data("strength") ?? 0) - (x.data("strength") ?? 0));
  const kept = ties.slice(0, PULLING_TIES_PER_NODE * cy.nodes().length);
  return cy.elements().not(ties).union(kept);
}

/**
 * Lay the graph out (fCoSE); nodes drawn before stay near their place unless `fresh`, and
 * `fixed` ones stay put. Resolves once the layout has stopped.
 */
export function layout(cy, { fresh = true, fixed = [] } = {}) {
  const run = pullingElements(cy).layout({
    name: "fcose",
    quality: "default",
    randomize: fresh,
    animate: false,
    nodeRepulsion: () => 12000,
    idealEdgeLength: (edge) => (edge.hasClass("KNOWS") ? 110 - edge.data("strength") / 2 : 80),
    edgeElasticity: (edge) => (edge.hasClass("KNOWS") ? 0.2 + edge.data("strength") / 250 : 0.45),
    nodeSeparation: 60,
    fixedNodeConstraint: fixed.length ? fixed : undefined,
    padding: 30,
  });
  const stopped = new Promise((resolve) => run.one("layoutstop", resolve));
  run.run();
  return stopped;
}

/** Lay paths out in rings from `root` (the person who asks) towards the target. */
export function layoutFrom(cy, root) {
  const run = cy.layout({ name: "breadthfirst", roots: cy.getElementById(root), spacingFactor: 1.1, padding: 30, animate: false });
  const stopped = new Promise((resolve) => run.one("layoutstop", resolve));
  run.run();
  return stopped;
}

/** Dim everything but `nodeIds` and the edges joining them in order (a path). */
export function highlightPath(cy, nodeIds) {
  cy.batch(() => {
    cy.elements().removeClass("on-path faded");
    if (!nodeIds) return;
    cy.elements().addClass("faded");
    nodeIds.forEach((id, i) => {
      cy.getElementById(id).removeClass("faded").addClass("on-path");
      if (i === 0) return;
      const prev = nodeIds[i - 1];
      cy.edges()
        .filter((e) => (e.source().id() === prev && e.target().id() === id) || (e.source().id() === id && e.target().id() === prev))
        .removeClass("faded")
        .addClass("on-path");
    });
  });
}
