// The network drawn with Cytoscape.js and laid out by fCoSE: nodes told apart by colour
// and shape, sized by seniority; edges as wide as the tie is strong. Drawn at once in
// rings, then moved to fCoSE's layout, worked out in a worker.

import cytoscape from "cytoscape";
import { COMPANY_SIZE, DEFAULT_SIZE, SIZES, STYLE, widthOf } from "./graph-style.js";
import { pullingEdges, ringOrder } from "./layout-plan.js";
import { runLayout } from "./layout-worker.js";

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

function nodeElement(node, ours, homeId, extra) {
  const classes = [...extra];
  if (node.label === "Company") classes.push("company", node.id === homeId ? "home" : null);
  else classes.push(ours.has(node.id) ? "ours" : "theirs", node.seniority);
  const size = node.label === "Company" ? COMPANY_SIZE : SIZES[node.seniority] || DEFAULT_SIZE;
  return {
    group: "nodes",
    data: { ...node, size },
    classes: classes.filter(Boolean).join(" "),
  };
}

/** The id of a link of an answer ({type, from, to}) on the graph. */
export function edgeId(e) {
  return `${e.type}:${e.from}>${e.to}`;
}

function edgeElement(e, weakBelow = 0) {
  const weak = e.type === "KNOWS" && (e.strength ?? 0) < weakBelow;
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
    classes: weak ? `${e.type} weak` : e.type,
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
    layout: { name: "preset" }, // laid out once the elements are in (drawRings, refine)
    minZoom: 0.05,
    maxZoom: 4,
    wheelSensitivity: 0.3,
    boxSelectionEnabled: false,
    hideEdgesOnViewport: true, // panning a 500-node graph stays smooth
  });
  if (onNode) cy.on("tap", "node", (evt) => onNode(evt.target.data()));
  if (onEdge) cy.on("tap", "edge", (evt) => onEdge(evt.target.data()));
  if (onHover) {
    // Moves too: the pointer may leave the graph from a node and come back onto it, which
    // the graph does not tell as a new "over".
    cy.on("mouseover mousemove", "node, edge", (evt) =>
      onHover(evt.target.data(), evt.renderedPosition || evt.target.renderedPosition()),
    );
    cy.on("mouseout", "node, edge", () => onHover(null));
    container.addEventListener("mouseleave", () => onHover(null));
  }
  window.__srm = { cy }; // the graph last drawn, for the browser tests to read
  return cy;
}

/**
 * Add a network answer ({nodes, edges}) to the graph; nodes already drawn keep their
 * place. `homeId` and `alsoOurs` (ids of our people) tell our people from theirs;
 * `classes(node)` adds classes to a new node. With `stagger`, only the links that pull on
 * the layout (see pullingEdges) are added now, and the others are returned for addLinks
 * (cheaper to draw first); otherwise every link is added. Returns {added, later}: the
 * nodes added and the links left.
 */
export function mergeNetwork(cy, network, { homeId, alsoOurs = [], classes = () => [], stagger = false, weakBelow = 0 } = {}) {
  const ours = ourPeople(network, homeId, alsoOurs);
  const nodes = network.nodes.filter((n) => cy.getElementById(n.id).empty());
  const edges = network.edges.filter((e) => cy.getElementById(edgeId(e)).empty());
  // Nodes are styled before their links are in: restyling a node with hundreds of links
  // costs as much as drawing them.
  const added = cy.add(nodes.map((n) => nodeElement(n, ours, homeId, classes(n))));
  added.forEach((n) => n.pstyle("width"));
  // A person first drawn without their employer learns their side once it is known.
  cy.batch(() => {
    for (const id of ours) {
      const node = cy.getElementById(id);
      if (node.hasClass("theirs")) node.removeClass("theirs").addClass("ours");
    }
  });
  let now = edges;
  let later = [];
  if (stagger) {
    const data = (e) => ({ id: edgeId(e), source: e.from, target: e.to, type: e.type, strength: e.strength ?? null });
    const pulling = pullingEdges([...cy.edges().map(edgeData), ...edges.map(data)]);
    now = edges.filter((e) => pulling.has(edgeId(e)));
    later = edges.filter((e) => !pulling.has(edgeId(e)));
  }
  cy.batch(() => cy.add(now.map((e) => edgeElement(e, weakBelow))));
  return { added, later };
}

/**
 * Add the links `mergeNetwork` left (`later`), a couple of thousand at a time, letting the
 * page answer clicks in between. Resolves to true once all are in (false: the graph is
 * gone).
 */
export async function addLinks(cy, later, { weakBelow = () => 0, chunk = 2000 } = {}) {
  for (let i = 0; i < later.length; i += chunk) {
    await new Promise((resolve) => setTimeout(resolve));
    if (cy.destroyed()) return false;
    const min = weakBelow();
    const part = later.slice(i, i + chunk).filter((e) => cy.getElementById(edgeId(e)).empty());
    cy.batch(() => cy.add(part.map((e) => edgeElement(e, min))));
  }
  return !cy.destroyed();
}

/** Hide ties (KNOWS) weaker than `min`. */
export function hideWeakTies(cy, min) {
  cy.batch(() => {
    cy.edges(".KNOWS").forEach((e) => {
      const weak = (e.data("strength") ?? 0) < min;
      if (weak !== e.hasClass("weak")) e.toggleClass("weak", weak);
    });
  });
}

// The layout: rings drawn at once (nearest first), then fCoSE's, worked out in a worker so
// that the page answers clicks and hovers meanwhile, and the nodes moved there.

let worker; // undefined: not started yet; null: none to be had (laid out in the page)
let asked = 0;
const waiting = new Map(); // request id -> {resolve, reject, request}

function inPage(entry) {
  try {
    entry.resolve(runLayout(entry.request));
  } catch (error) {
    entry.reject(error);
  }
}

/** The layout worker: this very bundle, started as a module worker (see main.js). */
function layoutWorker() {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(import.meta.url, { type: "module", name: "layout" });
    worker.addEventListener("message", (event) => {
      const { id, positions, error } = event.data;
      const entry = waiting.get(id);
      waiting.delete(id);
      if (entry && error) entry.reject(new Error(error));
      else if (entry) entry.resolve(positions);
    });
    worker.addEventListener("error", () => {
      worker = null; // laid out in the page from now on
      const left = [...waiting.values()];
      waiting.clear();
      left.forEach(inPage);
    });
  } catch {
    worker = null;
  }
  return worker;
}

/** Start the layout worker ahead of the first layout (it reads the bundle once). */
export function warmUp() {
  layoutWorker();
}

function positionsOf(request) {
  return new Promise((resolve, reject) => {
    const entry = { resolve, reject, request };
    const w = layoutWorker();
    if (!w) return setTimeout(() => inPage(entry));
    const id = ++asked;
    waiting.set(id, entry);
    w.postMessage({ id, ...request });
  });
}

function edgeData(e) {
  return { id: e.id(), source: e.data("source"), target: e.data("target"), type: e.data("type"), strength: e.data("strength") ?? null };
}

/** The frame after the next: what was laid out is on the screen. */
function painted() {
  return new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
}

/**
 * Draw the graph at once in rings around its focus: the nearest first, the people of a
 * company side by side. Resolves once it is on the screen.
 */
export function drawRings(cy) {
  const employer = new Map();
  cy.edges(".WORKS_AT").forEach((e) => {
    const company = e.target().hasClass("company") ? e.target() : e.source();
    const person = company.same(e.target()) ? e.source() : e.target();
    if (!employer.has(person.id())) employer.set(person.id(), company.id());
  });
  const order = ringOrder(cy.nodes().map((n) => n.data()), (id) => employer.get(id) || null);
  const rank = new Map(order.map((id, i) => [id, i]));
  const far = Math.max(0, ...cy.nodes().map((n) => n.data("distance") ?? 0));
  cy.nodes()
    .sort((a, b) => rank.get(a.id()) - rank.get(b.id()))
    .layout({
      name: "concentric",
      concentric: (n) => far - (n.data("distance") ?? 0),
      levelWidth: () => 1,
      minNodeSpacing: 6,
      animate: false,
      padding: 30,
    })
    .run();
  return painted();
}

/** Move the nodes to `positions` ({id: {x, y}}; others stay), gliding when they are few. */
function moveTo(cy, positions) {
  // Fitted to the nodes: the bounds of thousands of links are not worth working out.
  const run = cy.nodes().layout({
    name: "preset",
    positions: (n) => positions[n.id()],
    fit: true,
    padding: 30,
    animate: cy.nodes().length <= ANIMATED_UP_TO,
    animationDuration: 400,
    animationEasing: "ease-in-out-sine",
  });
  const stopped = new Promise((resolve) => run.one("layoutstop", resolve));
  run.run();
  return stopped.then(painted);
}

// Gliding to the layout shows where each node went; above this many nodes it costs more
// frames than it is worth, and the nodes jump.
const ANIMATED_UP_TO = 250;

/**
 * Lay the graph out with fCoSE (its strongest ties pulling), away from the page's thread,
 * and move the nodes there. `incremental` starts from where the nodes are drawn, and
 * `fixed` ids stay put (an expansion). Resolves to true once the nodes have moved, false
 * when the graph was destroyed or laid out again meanwhile.
 */
export async function refine(cy, { fixed = [], incremental = false } = {}) {
  const mine = (cy.scratch("srmLayout") || 0) + 1;
  cy.scratch("srmLayout", mine);
  const edges = cy.edges().map(edgeData);
  const pulling = pullingEdges(edges);
  const positions = await positionsOf({
    nodes: cy.nodes().map((n) => ({ id: n.id(), size: n.data("size"), ...n.position() })),
    edges: edges.filter((e) => pulling.has(e.id)),
    fixed,
    incremental,
  });
  if (cy.destroyed() || cy.scratch("srmLayout") !== mine) return false;
  await moveTo(cy, positions);
  return !cy.destroyed();
}

/** Put `added` nodes in a ring around `anchor`, where an expansion starts them from. */
export function ringAround(cy, anchor, added) {
  const at = cy.getElementById(anchor).position();
  const r = 40 + 6 * added.length;
  added.layout({ name: "circle", boundingBox: { x1: at.x - r, y1: at.y - r, w: 2 * r, h: 2 * r }, fit: false, animate: false }).run();
}

/** Lay paths out in rings from `root` (the person who asks) towards the target. */
export function layoutFrom(cy, root) {
  const run = cy.layout({ name: "breadthfirst", roots: cy.getElementById(root), spacingFactor: 1.1, padding: 45, animate: false });
  const stopped = new Promise((resolve) => run.one("layoutstop", resolve));
  run.run();
  return stopped;
}

/**
 * Make one path stand out: its nodes (ids) and links (ids) ringed, named, thick and
 * coloured; everything else stays visible, faded. `null` shows every path alike.
 */
export function highlightPath(cy, path) {
  cy.batch(() => {
    cy.elements().removeClass("on-path off-path");
    if (!path) return;
    const on = cy.collection();
    for (const id of [...path.nodes, ...path.edges]) on.merge(cy.getElementById(id));
    on.addClass("on-path");
    cy.elements().not(on).addClass("off-path");
  });
}
