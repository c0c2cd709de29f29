// Reciprocity: companies that supply each other, the value each way in their currencies,
// and a company's opportunities. The service audits every request of this view.

import { get } from "../api.js";
import { failure, fill, h, into, loading, table } from "../dom.js";
import { formatShare, formatValue } from "../format.js";
import { allCompanies, learn, nameOf } from "../names.js";
import { go, link, update } from "../router.js";
import { searchBox } from "../search-box.js";

const PAGE = 100;

function company(id) {
  return link(nameOf(id), { view: "reciprocity", focus: id });
}

function valuationNote(valuation) {
  if (valuation.comparable && valuation.currency) {
    const rates = valuation.rates ? ` converted with ${valuation.rates}${valuation.rates_date ? ` of ${valuation.rates_date}` : ""}` : "";
    return h("p", { class: "muted" }, `Values in ${valuation.currency}${rates}.`);
  }
  return h("p", { class: "banner info" }, "The amounts are in several currencies and there is no rates table: each is shown in its own currency, and no balance is worked out.");
}

function balance(value) {
  return value === null || value === undefined ? "—" : formatShare(value);
}

function oneCompany(answer) {
  const id = answer.company_id;
  const v = answer.valuation;
  return h(
    "div",
    {},
    valuationNote(v),
    h("h3", {}, `Mutual partners (${answer.mutual.length})`),
    table(
      [
        { label: "Partner", cell: (m) => company(m.company_id) },
        { label: `${nameOf(id)} supplies them`, numeric: true, cell: (m) => formatValue(m.value_out, m.out_by_currency, v) },
        { label: `They supply ${nameOf(id)}`, numeric: true, cell: (m) => formatValue(m.value_in, m.in_by_currency, v) },
        { label: "Balance (smaller / larger)", numeric: true, cell: (m) => balance(m.balance) },
      ],
      answer.mutual,
      { empty: "No company both supplies this one and buys from it." },
    ),
    h("h3", {}, `Opportunities (${answer.opportunities.length})`),
    h("p", { class: "muted" }, "Customers of this company that offer what it buys from someone else."),
    table(
      [
        { label: "Customer", cell: (o) => company(o.company_id) },
        { label: "Category", cell: (o) => o.category },
        { label: "Bought now from", cell: (o) => company(o.current_supplier_id) },
        { label: "Value bought", numeric: true, cell: (o) => formatValue(o.value, o.by_currency, v) },
      ],
      answer.opportunities,
      { empty: "No opportunity." },
    ),
  );
}

function allPairs(el) {
  const rows = [];
  const list = h("div", { class: "pairs" });
  const more = h("div", { class: "more" });
  fill(el, list, more);
  async function page(cursor) {
    fill(more, loading("Loading mutual pairs"));
    try {
      const [answer] = await Promise.all([get("/v1/reciprocity", { limit: PAGE, cursor }), allCompanies()]);
      const v = answer.valuation;
      rows.push(...answer.pairs);
      fill(
        list,
        valuationNote(v),
        table(
          [
            { label: "Company A", cell: (p) => company(p.a) },
            { label: "Company B", cell: (p) => company(p.b) },
            { label: "A supplies B", numeric: true, cell: (p) => formatValue(p.value_ab, p.ab_by_currency, v) },
            { label: "B supplies A", numeric: true, cell: (p) => formatValue(p.value_ba, p.ba_by_currency, v) },
            { label: "Balance", numeric: true, cell: (p) => balance(p.balance) },
          ],
          rows,
          { onRow: (p) => go({ view: "reciprocity", focus: p.a }), empty: "No two companies supply each other." },
        ),
      );
      fill(more, answer.more ? h("button", { type: "button", onclick: () => page(answer.next_cursor) }, "More pairs") : null);
    } catch (error) {
      fill(more, failure(error, () => page(cursor)));
    }
  }
  page(null);
}

export function render(el, state) {
  const body = h("div", {});
  fill(
    el,
    h("h2", {}, state.focus ? `Reciprocity of ${nameOf(state.focus)}` : "Reciprocity: companies that supply each other"),
    h("p", { class: "banner audited", role: "note" }, h("strong", {}, "Audited. "), "Reciprocal dealing can be a compliance topic: the service records every request of this view (when, which key, what was asked) in its audit trail."),
    h(
      "div",
      { class: "pickers" },
      searchBox({ label: "One company", kind: "company", placeholder: "Search companies", value: state.focus ? nameOf(state.focus) : "", onPick: (hit) => update({ focus: hit.id }) }),
      state.focus ? h("p", {}, link("All mutual pairs", { view: "reciprocity" })) : null,
    ),
    body,
  );
  if (!state.focus) return allPairs(body);
  into(
    body,
    async () => {
      const [answer] = await Promise.all([get(`/v1/companies/${encodeURIComponent(state.focus)}/reciprocity`), allCompanies()]);
      return learn(answer);
    },
    oneCompany,
    "Loading reciprocity",
  );
}
