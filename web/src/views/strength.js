// Strength, explained: the score of a pair (people or companies) and what it is made of.

import { get } from "../api.js";
import { fill, h, into, table } from "../dom.js";
import { formatCount, formatDate, formatDateTime, formatStrength, humanize, reciprocityWord, strengthWord } from "../format.js";
import { describeAll, idOf, learn, nameOf } from "../names.js";
import { go, link, update } from "../router.js";
import { searchBox } from "../search-box.js";

const KNOWN = ["interactions", "by_kind", "first_at", "last_at", "decayed_weight", "reciprocity", "top_interactions"];

/** The interactions the answer names, found in the timeline of one side (id -> entry). */
async function interactionsOf(answer) {
  const ids = answer.components?.top_interactions || [];
  if (!ids.length) return new Map();
  const kind = answer.level === "company" ? "companies" : "people";
  const found = await get(`/v1/${kind}/${encodeURIComponent(answer.b)}/timeline`, { limit: 500 }).catch(() => null);
  return new Map((found?.entries || []).map((e) => [e.id, e]));
}

function meter(value) {
  return h(
    "div",
    { class: "score" },
    h("span", { class: "score-number" }, formatStrength(value)),
    h("span", { class: "score-of" }, "/ 100"),
    h("meter", { min: 0, max: 100, value: value ?? 0, "aria-label": "strength" }),
    h("span", { class: "score-word" }, strengthWord(value)),
  );
}

function byKind(kinds) {
  const entries = Object.entries(kinds || {}).sort((x, y) => y[1] - x[1]);
  if (!entries.length) return "—";
  return h("ul", { class: "chips" }, entries.map(([k, n]) => h("li", {}, `${humanize(k)} ${formatCount(n)}`)));
}

function interactionList(ids, entries) {
  if (!ids?.length) return h("p", { class: "empty" }, "No interaction counts.");
  return h(
    "ol",
    { class: "interactions" },
    ids.map((id) => {
      const e = entries.get(id);
      if (!e) return h("li", {}, h("code", {}, id));
      return h(
        "li",
        {},
        h("span", { class: "when" }, formatDateTime(e.occurred_at)),
        h("span", { class: "kind" }, humanize(e.kind)),
        h("span", { class: "subject" }, e.subject || "(no subject)"),
        h("span", { class: "muted" }, e.participants.map((p) => p.name || p.id).join(", ")),
      );
    }),
  );
}

function other(components) {
  const rest = Object.entries(components || {}).filter(([k]) => !KNOWN.includes(k));
  return rest.map(([k, v]) => [humanize(k), typeof v === "object" ? JSON.stringify(v) : String(v)]);
}

/** The explanation of a strength answer, as a block (`entries`: its interactions by id). */
export function explainStrength(answer, entries = new Map()) {
  const c = answer.components || {};
  const rows = [
    ["Interactions", formatCount(c.interactions)],
    ["By kind", byKind(c.by_kind)],
    ["First", formatDate(c.first_at)],
    ["Last", formatDate(c.last_at)],
    ["Weight after decay", c.decayed_weight === undefined ? "—" : `${c.decayed_weight.toFixed(2)} (older interactions weigh less: half-life 180 days)`],
    ["Reciprocity", c.reciprocity === undefined ? "—" : `${c.reciprocity.toFixed(2)} · ${reciprocityWord(c.reciprocity)} (1: both sides reach out)`],
    ...other(c),
  ];
  return h(
    "div",
    { class: "strength" },
    h("p", { class: "pair" }, link(nameOf(answer.a), { focus: answer.a }), " and ", link(nameOf(answer.b), { focus: answer.b }), h("span", { class: "muted" }, ` · ${answer.level} level`)),
    meter(answer.strength),
    h("dl", { class: "facts" }, rows.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
    h("h4", {}, "The interactions that weigh most"),
    interactionList(c.top_interactions, entries),
    answer.pairs?.length
      ? [
          h("h4", {}, `Ties between their people (${answer.pairs.length})`),
          table(
            [
              { label: `People of ${nameOf(answer.a)}`, cell: (p) => nameOf(p.a) },
              { label: `People of ${nameOf(answer.b)}`, cell: (p) => nameOf(p.b) },
              { label: "Strength", numeric: true, cell: (p) => formatStrength(p.strength) },
            ],
            answer.pairs,
            { onRow: (p) => go({ view: "strength", a: idOf(p.a), b: idOf(p.b) }) },
          ),
        ]
      : null,
  );
}

/** Ask for the strength of a pair and explain it in `el`. */
export function loadStrength(el, a, b) {
  return into(
    el,
    async () => {
      const answer = learn(await get("/v1/strength", { a, b }));
      const pairIds = (answer.pairs || []).slice(0, 10).flatMap((p) => [idOf(p.a), idOf(p.b)]);
      const [entries] = await Promise.all([interactionsOf(answer), describeAll([a, b, ...pairIds])]);
      return { answer, entries };
    },
    ({ answer, entries }) => explainStrength(answer, entries),
    "Weighing the relationship",
  );
}

export function render(el, state) {
  const result = h("div", { class: "result" });
  fill(
    el,
    h("h2", {}, "Strength, explained"),
    h(
      "div",
      { class: "pickers" },
      searchBox({ label: "One side", value: state.a ? nameOf(state.a) : "", onPick: (hit) => update({ a: hit.id }) }),
      searchBox({ label: "Other side", value: state.b ? nameOf(state.b) : "", onPick: (hit) => update({ b: hit.id }) }),
    ),
    result,
  );
  if (state.a && state.b) loadStrength(result, state.a, state.b);
  else fill(result, h("p", { class: "empty" }, "Pick two people, or two companies, to see how strong their relationship is and why."));
}
