// The network view: the ego network of a company or person, drawn; hover for names, click
// for a profile, expand a node's neighbours.

import { get } from "../api.js";
import { failure, fill, h, loading, table } from "../dom.js";
import { formatCount, formatStrength, humanize } from "../format.js";
import { createGraph, hideWeakTies, layout, mergeNetwork } from "../graph.js";
import { homeProfile } from "../home.js";
import { learn, nameOf } from "../names.js";
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
  const heading = h("h2", {}, nameOf(state.focus));
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

  let truncated = false;
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
  minTie.addEventListener("input", () => {
    minTieValue.textContent = minTie.value;
    hideWeakTies(cy, Number(minTie.value));
  });

  function counted() {
    const parts = [`${formatCount(cy.nodes().length)} nodes`, `${formatCount(cy.edges().length)} links`];
    fill(
      status,
      h("span", { class: "counts", "data-nodes": cy.nodes().length }, parts.join(" · ")),
      truncated ? h("span", { class: "badge warn", title: "The service kept the nearest nodes only" }, "truncated") : null,
    );
    fill(list, h("summary", {}, `The ${formatCount(cy.nodes().length)} nodes as a list`), nodeList(cy, showNode));
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
      const fixed = cy.nodes().map((n) => ({ nodeId: n.id(), position: { ...n.position() } }));
      if (mergeNetwork(cy, ego, ours)) await layout(cy, { fresh: false, fixed });
      hideWeakTies(cy, Number(minTie.value));
      counted();
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
      const [ego, ours] = await Promise.all([get(`/v1/network/ego/${encodeURIComponent(state.focus)}`, { hops }), context()]);
      learn(ego.nodes);
      truncated = ego.truncated;
      fill(heading, ego.nodes[0]?.name || state.focus);
      mergeNetwork(cy, ego, ours);
      cy.getElementById(state.focus).addClass("ego");
      // Names on the few nearest companies and ours; hover tells the others.
      const near = cy.nodes(".company").filter((n) => n.data("distance") <= 1);
      if (near.length <= 12) near.addClass("labelled");
      cy.nodes(".home").addClass("labelled");
      await layout(cy);
      counted();
      graphBox.dataset.state = "drawn";
      performance.mark("srm:network-drawn");
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
