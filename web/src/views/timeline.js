// The timeline: a company's or a person's interactions, newest first, a page at a time.

import { get } from "../api.js";
import { failure, fill, h, loading, table } from "../dom.js";
import { formatDateTime, humanize } from "../format.js";
import { describe, learn, nameOf } from "../names.js";
import { link, update } from "../router.js";
import { searchBox } from "../search-box.js";

const PAGE = 50;

function participants(entry) {
  return entry.participants.map((p, i) => [
    i ? ", " : "",
    link(p.name || p.id, { focus: p.id }),
    p.id === entry.initiator_id ? h("span", { class: "muted", title: "reached out" }, " (started it)") : null,
  ]);
}

const COLUMNS = [
  { label: "When", cell: (e) => formatDateTime(e.occurred_at) },
  { label: "Kind", cell: (e) => humanize(e.kind) },
  { label: "Subject", cell: (e) => e.subject || h("span", { class: "muted" }, "(no subject)") },
  { label: "Company", cell: (e) => (e.company ? link(e.company.name || e.company.id, { focus: e.company.id }) : "—") },
  { label: "Who took part", cell: participants },
];

export function render(el, state) {
  const title = h("h2", {}, "Timeline");
  const list = h("div", { class: "timeline" });
  const more = h("div", { class: "more" });
  fill(
    el,
    title,
    h("div", { class: "pickers" }, searchBox({ label: "Whose interactions", value: state.focus ? nameOf(state.focus) : "", onPick: (hit) => update({ focus: hit.id }) })),
    list,
    more,
  );
  if (!state.focus) {
    fill(list, h("p", { class: "empty" }, "Pick a company or a person to see their interactions, newest first."));
    return;
  }
  const entries = [];

  async function page(cursor) {
    fill(more, loading("Loading interactions"));
    try {
      const node = await describe(state.focus);
      const kind = node.label === "Company" ? "companies" : "people";
      const answer = learn(await get(`/v1/${kind}/${encodeURIComponent(state.focus)}/timeline`, { limit: PAGE, cursor }));
      fill(title, `Timeline of ${answer.name}`);
      entries.push(...answer.entries);
      fill(list, table(COLUMNS, entries, { empty: "No interaction up to this date.", rowId: (e) => e.id }));
      fill(more, answer.more ? h("button", { type: "button", onclick: () => page(answer.next_cursor) }, "Older interactions") : null);
    } catch (error) {
      fill(more, failure(error, () => page(cursor)));
    }
  }
  page(null);
}
