// Introductions: the best paths from one of our people to a person or a company, drawn on
// a graph and listed with their scores and every hop's strength.

import { get } from "../api.js";
import { fill, h, into } from "../dom.js";
import { formatStrength } from "../format.js";
import { createGraph, edgeId, highlightPath, layoutFrom, mergeNetwork } from "../graph.js";
import { homeProfile } from "../home.js";
import { describeAll, factsOf, idOf, learn, nameOf } from "../names.js";
import { link, update } from "../router.js";
import { searchBox } from "../search-box.js";

function ourPersonPicker(home, chosen) {
  if (!home) return h("p", { class: "banner" }, "No company is marked as ours, so there is nobody to introduce from.");
  return h(
    "label",
    { class: "control stacked" },
    h("span", { class: "search-label" }, "One of our people"),
    h(
      "select",
      { name: "from", onchange: (e) => update({ from: e.target.value || null }) },
      h("option", { value: "" }, "— pick who asks —"),
      [...home.people]
        .sort((a, b) => a.name.localeCompare(b.name))
        .map((p) => h("option", { value: p.id, selected: p.id === chosen }, `${p.name}${p.title ? ` · ${p.title}` : ""}`)),
    ),
  );
}

function modeSwitch(mode) {
  const button = (value, text) =>
    h("button", { type: "button", "aria-pressed": String(mode === value), onclick: () => update({ mode: value === "strongest" ? null : value }) }, text);
  return h("div", { class: "switch", role: "group", "aria-label": "Which paths" }, button("strongest", "Strongest"), button("shortest", "Shortest"));
}

/** How a hop reads: "knows", or through a company "works at" then "colleague". */
function hopWord(edge, to) {
  if (edge.type !== "WORKS_AT") return "knows";
  return factsOf(to)?.label === "Company" ? "works at" : "colleague";
}

function hopList(path) {
  const nodes = path.nodes.map(idOf);
  return h(
    "ol",
    { class: "hops" },
    nodes.map((id, i) => {
      const edge = path.edges[i - 1];
      return h(
        "li",
        {},
        i === 0 ? null : h("span", { class: "hop" }, `${hopWord(edge, id)} · ${formatStrength(edge.strength)}`),
        link(nameOf(path.nodes[i]), { focus: id }, { class: "hop-node" }),
      );
    }),
  );
}

/** The nodes and edges of all the paths, as a network the graph can draw. */
function asNetwork(paths) {
  const ids = [...new Set(paths.flatMap((p) => p.nodes.map(idOf)))];
  const nodes = ids.map((id) => {
    const facts = factsOf(id) || {};
    return { id, name: nameOf(id), label: facts.label || "Person", seniority: facts.seniority, tier: facts.tier, distance: 1 };
  });
  const edges = paths.flatMap((p) => p.edges.map((e) => ({ ...e, from: idOf(e.from), to: idOf(e.to) })));
  return { nodes, edges };
}

/** A path's nodes and links as ids on the graph. */
function onGraph(path) {
  return {
    nodes: path.nodes.map(idOf),
    edges: path.edges.map((e) => edgeId({ ...e, from: idOf(e.from), to: idOf(e.to) })),
  };
}

function showPaths(answer, home, source) {
  if (!answer.paths.length) return h("p", { class: "empty" }, "No path within these limits: nobody of ours reaches them through ties of strength 5 or more.");
  const graphBox = h("div", { class: "graph" });
  const shapes = answer.paths.map(onGraph);
  let chosen = 0; // the path shown on the graph; hovering or focusing another shows that one
  let cy = null; // drawn once the list is on the page, so that the graph has a size

  function show(i) {
    if (cy) highlightPath(cy, shapes[i]);
    graphBox.dataset.path = String(i + 1);
    items.forEach((li, j) => li.classList.toggle("shown", j === i));
  }
  function choose(i) {
    chosen = i;
    items.forEach((li, j) => li.setAttribute("aria-current", String(j === i)));
    show(i);
  }

  const items = answer.paths.map((path, i) =>
    h(
      "li",
      {
        tabindex: "0",
        "aria-current": String(i === chosen),
        class: i === chosen ? "path shown" : "path",
        title: "Show this path on the graph",
        onclick: (event) => {
          if (!event.target.closest("a")) choose(i);
        },
        onkeydown: (event) => {
          if ((event.key === "Enter" || event.key === " ") && event.target === event.currentTarget) {
            event.preventDefault();
            choose(i);
          }
        },
        onmouseenter: () => show(i),
        onfocus: () => show(i),
        onmouseleave: () => show(chosen),
        onblur: () => show(chosen),
      },
      h("p", { class: "path-head" }, h("strong", {}, `Path ${i + 1}`), ` · score ${formatStrength(path.score)} · ${path.hops} hop${path.hops === 1 ? "" : "s"}`),
      hopList(path),
    ),
  );
  const wrap = h(
    "div",
    { class: "paths-body" },
    h("ol", { class: "paths", "aria-label": "Paths, best first: pick one to show it on the graph" }, items),
    h("div", { class: "graph-wrap small" }, graphBox),
  );
  requestAnimationFrame(() => {
    cy = createGraph(graphBox, {
      // A node or link of the graph picks the best path through it.
      onNode: (data) => pickThrough(data.id),
      onEdge: (data) => pickThrough(data.id),
    });
    mergeNetwork(cy, asNetwork(answer.paths), { homeId: home?.id, alsoOurs: (home?.people || []).map((p) => p.id) });
    cy.nodes().addClass("labelled");
    layoutFrom(cy, source).then(() => {
      show(chosen);
      graphBox.dataset.state = "drawn";
    });
  });
  function pickThrough(id) {
    if ([...shapes[chosen].nodes, ...shapes[chosen].edges].includes(id)) return;
    const i = shapes.findIndex((s) => s.nodes.includes(id) || s.edges.includes(id));
    if (i >= 0) choose(i);
  }
  return wrap;
}

export function render(el, state) {
  const mode = state.mode === "shortest" ? "shortest" : "strongest";
  const pickers = h("div", { class: "pickers" });
  const result = h("div", { class: "result" });
  fill(el, h("h2", {}, "Introductions"), h("p", { class: "muted" }, `Who of ours can introduce you, and through whom: ${mode === "strongest" ? "the strongest chains of ties" : "the fewest hops, then the strongest"}.`), pickers, result);
  homeProfile(state.as_of)
    .catch(() => null)
    .then((home) => {
      fill(
        pickers,
        searchBox({ label: "To (a person or a company)", value: state.to ? nameOf(state.to) : "", onPick: (hit) => update({ to: hit.id }) }),
        ourPersonPicker(home, state.from),
        modeSwitch(mode),
      );
      if (!state.from || !state.to) {
        fill(result, h("p", { class: "empty" }, "Pick who to reach and which of our people asks."));
        return;
      }
      into(
        result,
        async () => {
          const answer = learn(await get("/v1/paths", { from: state.from, to: state.to, mode, k: 3 }));
          await describeAll([state.to, ...answer.paths.flatMap((p) => p.nodes.map(idOf))]);
          return answer;
        },
        (answer) => showPaths(answer, home, state.from),
        "Looking for introductions",
      );
    });
}
