// The side panel of the network: who a node is (its profile), and what can be done with it.

import { get } from "./api.js";
import { h, into } from "./dom.js";
import { formatDate, humanize } from "./format.js";
import { link } from "./router.js";
import { learn } from "./names.js";

function facts(rows) {
  return h(
    "dl",
    { class: "facts" },
    rows.filter(([, v]) => v !== null && v !== undefined && v !== "").flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)]),
  );
}

function people(title, list) {
  if (!list.length) return null;
  return h(
    "section",
    {},
    h("h4", {}, `${title} (${list.length})`),
    h(
      "ul",
      { class: "people" },
      list.slice(0, 12).map((p) =>
        h("li", {}, link(p.name, { focus: p.id }), p.title ? h("span", { class: "muted" }, ` · ${p.title}`) : null),
      ),
      list.length > 12 ? h("li", { class: "muted" }, `and ${list.length - 12} more`) : null,
    ),
  );
}

function companyProfile(c) {
  return [
    h("h3", {}, c.name, c.is_home ? h("span", { class: "badge" }, "our company") : null),
    facts([
      ["Tier", c.tier],
      ["Industry", c.industry],
      ["Country", c.country],
      ["Domain", c.domain],
      ["Id", h("code", {}, c.id)],
    ]),
    h(
      "nav",
      { class: "actions", "aria-label": "About this company" },
      c.is_home ? null : link("Account coverage", { view: "account", focus: c.id }),
      link("Timeline", { view: "timeline", focus: c.id }),
      link("Reciprocity", { view: "reciprocity", focus: c.id }),
      c.is_home ? null : link("Introductions", { view: "paths", to: c.id }),
    ),
    people("Account managers", c.account_managers),
    people("People", c.people),
  ];
}

function personProfile(p) {
  const current = p.employment.filter((e) => e.current);
  return [
    h("h3", {}, p.name),
    facts([
      ["Title", p.title],
      ["Seniority", humanize(p.seniority)],
      ["Works at", current.length ? current.map((e) => link(e.company.name, { focus: e.company.id })) : "—"],
      ["E-mail", p.email],
      ["Manager", p.manager ? link(p.manager.name, { focus: p.manager.id }) : null],
      ["Id", h("code", {}, p.id)],
    ]),
    h(
      "nav",
      { class: "actions", "aria-label": "About this person" },
      link("Timeline", { view: "timeline", focus: p.id }),
      link("Introductions", { view: "paths", to: p.id }),
    ),
    p.manages_accounts.length
      ? h("section", {}, h("h4", {}, "Manages the accounts"), h("ul", { class: "people" }, p.manages_accounts.map((c) => h("li", {}, link(c.name, { view: "account", focus: c.id })))))
      : null,
    p.employment.length > current.length
      ? h(
          "section",
          {},
          h("h4", {}, "Worked at"),
          h("ul", { class: "people" }, p.employment.filter((e) => !e.current).map((e) => h("li", {}, `${e.company.name} (until ${formatDate(e.ended_at)})`))),
        )
      : null,
  ];
}

/**
 * Fill `panel` with the profile of `node` ({id, label}); `extra` are controls put on top
 * (expand, focus).
 */
export function showProfile(panel, node, extra = []) {
  const company = node.label === "Company";
  const path = `/v1/${company ? "companies" : "people"}/${encodeURIComponent(node.id)}`;
  const body = h("div", { class: "profile" });
  panel.replaceChildren(h("div", { class: "panel-controls" }, extra), body);
  return into(body, () => get(path).then(learn), (answer) => h("div", {}, company ? companyProfile(answer) : personProfile(answer)), "Loading the profile");
}
