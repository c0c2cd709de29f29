// The portfolio: executive coverage of every account, worst first, by tier and trade.

import { get } from "../api.js";
import { fill, h, failure, loading, table } from "../dom.js";
import { formatShare } from "../format.js";
import { learn } from "../names.js";
import { go, link, update } from "../router.js";

const PAGE = 100;

function select(label, name, options, value) {
  return h(
    "label",
    { class: "control" },
    h("span", {}, label),
    h(
      "select",
      { name, onchange: (e) => update({ [name]: e.target.value || null }) },
      options.map(([v, text]) => h("option", { value: v, selected: (value || "") === v }, text)),
    ),
  );
}

function coverageCell(account) {
  if (account.coverage === null) return h("span", { class: "muted" }, "no executives");
  const text = formatShare(account.coverage);
  return account.coverage === 0 ? h("span", { class: "badge warn" }, `✗ ${text}`) : text;
}

export function render(el, state) {
  const rows = [];
  const list = h("div", { class: "portfolio" });
  const more = h("div", { class: "more" });
  fill(
    el,
    h("h2", {}, "Portfolio coverage"),
    h("p", { class: "muted" }, "Every account, the worst covered first: how many of its executives and VPs someone of ours knows."),
    h(
      "div",
      { class: "toolbar" },
      select("Tier", "tier", [["", "any tier"], ["strategic", "strategic"], ["key", "key"], ["standard", "standard"]], state.tier),
      select("Trade", "relationship", [["", "customers and suppliers"], ["customer", "customers"], ["supplier", "suppliers"]], state.relationship),
    ),
    list,
    more,
  );

  async function page(cursor) {
    fill(more, loading("Loading accounts"));
    try {
      const answer = learn(await get("/v1/coverage", { tier: state.tier, relationship: state.relationship, limit: PAGE, cursor }));
      rows.push(...answer.accounts);
      fill(
        list,
        table(
          [
            { label: "Account", cell: (a) => link(a.name, { view: "account", focus: a.account_id }) },
            { label: "Coverage", numeric: true, cell: coverageCell },
            { label: "Covered", numeric: true, cell: (a) => String(a.covered) },
            { label: "Executives", numeric: true, cell: (a) => String(a.executives) },
          ],
          rows,
          { onRow: (a) => go({ view: "account", focus: a.account_id }), empty: "No account matches these filters." },
        ),
      );
      fill(more, answer.more ? h("button", { type: "button", onclick: () => page(answer.next_cursor) }, "More accounts") : null);
    } catch (error) {
      fill(more, failure(error, () => page(cursor)));
    }
  }
  page(null);
}
