// The network view: the ego network of a company or person, drawn; hover for names, click
// for a profile, expand a node's neighbours.

import { get } from "../api.js";
import { failure, fill, h, loading, table } from "../dom.js";
import { formatCount, formatStrength, humanize } from "../format.js";
import { addLinks, createGraph, drawRings, hideWeakTies, mergeNetwork, refine, ringAround, warmUp } from "../graph.js";
import { homeProfile } from "../home.js";
import { factsOf, learn, nameOf } from "../names.js";
import { go, link, update } from "../router.js";
import { showProfile } from "../side-panel.js";
import { loadStrength } from "./strength.js";

const EXPAND_LIMIT = 200;

function legend() {
  const item = (cls, text) => h("li", {}, h("span", { class: `key ${cls}`, "aria-hidden": "true" }), text);
  return h(
    "ul",
    { class: "legend", "aria-label": "Legend" },
    item("key-ours", "our people (circle)"),
    item("key-theirs", "their people (diamond)"),
    item("key-company", "company (square)"),
    item("key-home", "our company (hexagon)"),
    item("key-exec", "dark ring: executive; larger: more senior"),
    item("key-supplies", "supplies (orange dashes)"),
  );
}

function tooltipText(data) {
  if (data.source) {
    const what = data.type === "KNOWS" ? `tie, strength ${formatStrength(data.strength)}` : humanize(data.type).toLowerCase();
    return `${nameOf(data.source)} — ${nameOf(data.target)}: ${what}`;
  }
  const kind = data.label === "Company" ? [data.tier && `${data.tier} tier`, "company"] : [humanize(data.seniority)];
  return [data.name, ...kind].filter(Boolean).join(" · ");
}

function control(label, input) {
  return h("label", { class: "control" }, h("span", {}, label), input);
}

function select(options, value, onchange) {
  return h("select", { onchange: (e) => onchange(e.target.value) }, options.map(([v, text]) => h("option", { value: v, selected: String(v) === String(value) }, text)));
}

function nodeList(cy, onRow) {
  const rows = cy
    .nodes()
    .map((n) => n.data())
    .sort((x, y) => x.distance - y.distance || x.name.localeCompare(y.name));
  return table(
    [
      { label: "Name", cell: (n) => link(n.name, { focus: n.id }) },
      { label: "Kind", cell: (n) => (n.label === "Company" ? "company" : cy.getElementById(n.id).hasClass("ours") ? "our person" : "their person") },
      { label: "Seniority / tier", cell: (n) => humanize(n.seniority || n.tier || "") },
      { label: "Hops", numeric: true, cell: (n) => n.distance },
    ],
    rows,
    { onRow, rowId: (n) => n.id },
  );
}

export function render(el, state) {
  if (!state.focus) return renderStart(el);
  const hops = Number(state.hops) || 2;
  const status = h("p", { class: "graph-status", role: "status" }, loading("Drawing the network"));
  const graphBox = h("div", { class: "graph", "data-state": "loading", tabindex: "-1" });
  const tooltip = h("div", { class: "tooltip", hidden: true, role: "tooltip" });
  const panel = h("aside", { class: "side-panel", "aria-label": "Details" }, h("p", { class: "empty" }, "Click a node for its profile, or a link for its strength."));
  const list = h("details", { class: "node-list" }, h("summary", {}, "The nodes as a list"));
  const heading = h("h2", {}, factsOf(state.focus)?.name || ""); // named by the answer
  const minTie = h("input", { type: "range", min: 0, max: 60, step: 5, value: 0, "aria-label": "hide ties weaker than" });
  const minTieValue = h("output", {}, "0");
  fill(
    el,
    h(
      "div",
      { class: "toolbar" },
      heading,
      status,
      control("Hops", select([[1, "1"], [2, "2"], [3, "3"]], hops, (v) => update({ hops: v === "2" ? null : v }))),
      control("Hide ties under", h("span", { class: "range" }, minTie, minTieValue)),
    ),
    h("div", { class: "network-body" }, h("div", { class: "graph-wrap" }, graphBox, tooltip), panel),
    legend(),
    list,
  );

  // Asked first: the answer is on its way while the graph is made.
  const answer = Promise.all([get(`/v1/network/ego/${encodeURIComponent(state.focus)}`, { hops }), context()]);
  answer.catch(() => null); // (handled by draw)
  let truncated = false;
  warmUp();
  const cy = createGraph(graphBox, {
    onNode: (data) => showNode(data),
    onEdge: (data) => showEdge(data),
    onHover: (data, at) => {
      tooltip.hidden = !data;
      if (!data) return;
      tooltip.textContent = tooltipText(data);
      tooltip.style.left = `${at.x + 12}px`;
      tooltip.style.top = `${at.y + 12}px`;
    },
  });
  const minTieValueNow = () => Number(minTie.value);
  minTie.addEventListener("input", () => {
    minTieValue.textContent = minTie.value;
    hideWeakTies(cy, Number(minTie.value));
  });

  function counted() {
    const parts = [`${formatCount(cy.nodes().length)} nodes`, `${formatCount(cy.edges().length)} links`];
    fill(
      status,
      h("span", { class: "counts", "data-nodes": cy.nodes().length, "data-links": cy.edges().length }, parts.join(" · ")),
      truncated ? h("span", { class: "badge warn", title: "The service kept the nearest nodes only" }, "truncated") : null,
    );
    // The list is made when it is opened: hundreds of rows are not worth making unread.
    listed = false;
    fill(list, h("summary", {}, `The ${formatCount(cy.nodes().length)} nodes as a list`));
    if (list.open) showList();
  }

  let listed = false;
  function showList() {
    if (listed || !list.open) return;
    listed = true;
    list.append(nodeList(cy, showNode));
  }
  list.addEventListener("toggle", showList);

  /** fCoSE's layout, then the page says it is settled (for the eye and the tests). */
  async function settle(options) {
    graphBox.dataset.layout = "settling";
    try {
      if (!(await refine(cy, options))) return;
    } catch (error) {
      console.error(error); // the rings stay: still a readable drawing
    }
    if (cy.destroyed()) return;
    graphBox.dataset.layout = "settled";
    performance.mark("srm:network-settled");
  }

  async function context() {
    const home = await homeProfile(state.as_of).catch(() => null);
    return { homeId: home?.id, alsoOurs: (home?.people || []).map((p) => p.id) };
  }

  async function expand(id) {
    fill(status, loading(`Expanding ${nameOf(id)}`));
    try {
      const [ego, ours] = await Promise.all([get(`/v1/network/ego/${encodeURIComponent(id)}`, { hops: 1, limit: EXPAND_LIMIT }), context()]);
      learn(ego.nodes);
      truncated ||= ego.truncated;
      const before = cy.nodes();
      const settled = graphBox.dataset.layout === "settled";
      const classes = (n) => [n.id === ours.homeId ? "labelled" : null]; // our company, named
      const { added, later } = mergeNetwork(cy, ego, { ...ours, classes, stagger: true, weakBelow: minTieValueNow() });
      if (added.length) ringAround(cy, id, added);
      counted();
      // The nodes drawn stay where they are and the new ones find their place among them;
      // before the first layout is done, it is done again with all of them.
      graphBox.dataset.links = "adding";
      if (added.length) await settle(settled ? { incremental: true, fixed: before.map((n) => n.id()) } : {});
      if (await addLinks(cy, later, { weakBelow: minTieValueNow })) {
        counted();
        graphBox.dataset.links = "all";
      }
    } catch (error) {
      fill(status, failure(error, () => expand(id)));
    }
  }

  function showNode(data) {
    cy.$(":selected").unselect();
    cy.getElementById(data.id).select();
    const controls = [
      h("button", { type: "button", onclick: () => expand(data.id) }, "Expand neighbours"),
      data.id === state.focus ? null : h("button", { type: "button", onclick: () => go({ focus: data.id }) }, "Centre here"),
    ];
    showProfile(panel, data, controls);
  }

  function showEdge(data) {
    const body = h("div", {});
    fill(panel, h("h3", {}, `${nameOf(data.source)} — ${nameOf(data.target)}`), body);
    if (data.type === "KNOWS") return loadStrength(body, data.source, data.target);
    fill(body, h("p", {}, data.type === "SUPPLIES" ? `${nameOf(data.source)} supplies ${nameOf(data.target)}.` : data.type === "WORKS_AT" ? "Works there." : "Manages this account."));
  }

  async function draw() {
    try {
      const [ego, ours] = await answer;
      learn(ego.nodes);
      truncated = ego.truncated;
      fill(heading, ego.nodes[0]?.name || state.focus);
      // Names on the focus, our company and the few nearest companies; hover tells the others.
      const near = ego.nodes.filter((n) => n.label === "Company" && n.distance <= 1).map((n) => n.id);
      const named = new Set([ours.homeId, ...(near.length <= 12 ? near : [])]);
      const classes = (n) => [n.id === state.focus ? "ego" : null, named.has(n.id) ? "labelled" : null];
      // The nodes and their strongest links first, drawn at once in rings while fCoSE's
      // layout is worked out in a worker; then the other links.
      const { later } = mergeNetwork(cy, ego, { ...ours, classes, stagger: true, weakBelow: minTieValueNow() });
      graphBox.dataset.links = "adding";
      counted();
      await drawRings(cy);
      graphBox.dataset.state = "drawn";
      performance.mark("srm:network-drawn");
      // The layout first (in the worker, once the rings are on the screen), then the other
      // links: every link drawn costs every frame.
      await settle();
      if (await addLinks(cy, later, { weakBelow: minTieValueNow })) {
        counted();
        graphBox.dataset.links = "all";
        performance.mark("srm:network-links");
      }
    } catch (error) {
      graphBox.dataset.state = "failed";
      fill(status, failure(error, () => render(el, state)));
    }
  }
  draw();
  return () => cy.destroy();
}

async function renderStart(el) {
  const home = await homeProfile().catch(() => null);
  fill(
    el,
    h(
      "div",
      { class: "start" },
      h("h2", {}, "Explore your relationships"),
      h("p", {}, "Search a company or a person above to see their network: who of ours knows whom of theirs, and how well."),
      h(
        "ul",
        { class: "start-links" },
        home ? h("li", {}, link(`The network of ${home.name}`, { focus: home.id })) : null,
        h("li", {}, link("Executive coverage of every account, worst first", { view: "portfolio" })),
        h("li", {}, link("Relationships at risk", { view: "at-risk" })),
        h("li", {}, link("Ask for an introduction", { view: "paths" })),
      ),
    ),
  );
}
