// At risk: ties of our people that weakened or went quiet, and key accounts whose
// executives nobody of ours touched; each opens its own view.

import { get, parametersOf } from "../api.js";
import { fill, h, into, table } from "../dom.js";
import { formatDate, formatShare, formatStrength, humanize } from "../format.js";
import { learn, nameOf } from "../names.js";
import { go, link, update } from "../router.js";

const ROUTE = "/v1/relationships/at-risk";

function person(id, company) {
  return [link(nameOf(id), { focus: id }), company ? h("span", { class: "muted" }, ` · ${company.name}`) : null];
}

function ties(answer) {
  return table(
    [
      { label: "Person", cell: (t) => person(t.a, t.a_company) },
      { label: "Person", cell: (t) => person(t.b, t.b_company) },
      { label: "Why", cell: (t) => humanize(t.reason || "weakened") },
      { label: "Before", numeric: true, cell: (t) => formatStrength(t.strength_before) },
      { label: "Now", numeric: true, cell: (t) => formatStrength(t.strength) },
      { label: "Lost", numeric: true, cell: (t) => formatShare(t.drop) },
    ],
    answer.ties,
    { onRow: (t) => go({ view: "strength", a: t.a, b: t.b }), empty: "No tie of ours weakened in this window.", caption: `Weakening ties${answer.ties_total === undefined ? "" : ` (${answer.ties_total} in all)`}` },
  );
}

function accounts(answer) {
  return table(
    [
      { label: "Account", cell: (a) => link(a.name, { view: "account", focus: a.account_id }) },
      { label: "Tier", cell: (a) => a.tier || "—" },
      { label: "Why", cell: (a) => humanize(a.reason) },
      { label: "Executives", cell: (a) => (a.named_executives || a.executives).map((e) => nameOf(e)).join(", ") || "—" },
      { label: "Last touch", cell: (a) => formatDate(a.last_touch) },
      { label: "Last activity", cell: (a) => formatDate(a.last_activity) },
    ],
    answer.accounts,
    { onRow: (a) => go({ view: "account", focus: a.account_id }), empty: "Every key account's executives were touched in this window.", caption: `Untouched key accounts${answer.accounts_total === undefined ? "" : ` (${answer.accounts_total} in all)`}` },
  );
}

function numberControl(label, name, value, attrs) {
  return h("label", { class: "control" }, h("span", {}, label), h("input", { type: "number", name, value: value ?? "", ...attrs }));
}

export function render(el, state) {
  const controls = h("form", { class: "toolbar" });
  const body = h("div", {});
  fill(el, h("h2", {}, "At risk"), h("p", { class: "muted" }, "Relationships to act on: ties of ours that weakened, and key accounts whose executives nobody of ours touched."), controls, body);
  into(
    body,
    async () => {
      const takes = await parametersOf(ROUTE);
      const params = { window_days: state.window_days, drop: state.drop };
      if (takes.has("min_strength")) params.min_strength = state.min_strength;
      if (takes.has("limit")) params.limit = 100;
      fill(
        controls,
        numberControl("Window (days)", "window_days", state.window_days, { min: 1, max: 36525, placeholder: "90" }),
        numberControl("Lost at least (0–1)", "drop", state.drop, { min: 0.01, max: 1, step: 0.01, placeholder: "0.3" }),
        takes.has("min_strength") ? numberControl("Ties at least this strong before", "min_strength", state.min_strength, { min: 0, max: 100, placeholder: "default" }) : null,
        h("button", { type: "submit", class: "primary" }, "Apply"),
      );
      controls.onsubmit = (event) => {
        event.preventDefault();
        const form = new FormData(controls);
        update(Object.fromEntries(["window_days", "drop", "min_strength"].map((k) => [k, form.get(k) || null])));
      };
      return learn(await get(ROUTE, params));
    },
    (answer) => h("div", {}, ties(answer), accounts(answer)),
    "Looking for relationships at risk",
  );
}
