// The account view: which executives and VPs of a company our people know, through how
// many threads, and whether the key-account managers cover anyone.

import { get } from "../api.js";
import { fill, h, into, table } from "../dom.js";
import { formatShare, formatStrength, humanize } from "../format.js";
import { describe, idOf, learn, nameOf } from "../names.js";
import { go, link } from "../router.js";
import { homeProfile } from "../home.js";

function coveredCell(exec) {
  return exec.covered
    ? h("span", { class: "badge ok" }, "✓ covered")
    : h("span", { class: "badge warn" }, "✗ not covered");
}

function bestContact(exec) {
  const best = exec.best_contact;
  if (!best) return h("span", { class: "muted" }, "nobody of ours");
  return [
    link(nameOf(best.person_id), { focus: idOf(best.person_id) }),
    " · ",
    link(formatStrength(best.strength), { view: "strength", a: idOf(best.person_id), b: exec.person_id }, { title: "why this strength" }),
  ];
}

function managers(coverage, profile) {
  const ids = coverage.account_managers;
  if (!ids.length) return h("p", { class: "banner" }, "No key-account manager is named for this account.");
  const covers = coverage.account_manager_covers;
  return h(
    "section",
    {},
    h("h3", {}, "Key-account managers"),
    h(
      "ul",
      { class: "people" },
      ids.map((id) => {
        const title = profile?.account_managers?.find((p) => p.id === id)?.title;
        return h("li", {}, link(nameOf(id), { focus: id }), title ? h("span", { class: "muted" }, ` · ${title}`) : null);
      }),
    ),
    covers.length
      ? h("p", {}, `They cover ${covers.length} of the executives: `, covers.map((id, i) => [i ? ", " : "", link(nameOf(id), { focus: id })]), ".")
      : h("p", { class: "banner" }, "⚠ The key-account managers cover none of the executives."),
  );
}

function summary(coverage) {
  const execs = coverage.executives;
  const covered = execs.filter((e) => e.covered).length;
  return h(
    "div",
    { class: "summary" },
    h("p", { class: "score" }, h("span", { class: "score-number" }, formatShare(coverage.coverage)), h("span", {}, ` covered: ${covered} of ${execs.length} executives and VPs`)),
    coverage.single_threaded
      ? h("p", { class: "banner", role: "note" }, "⚠ Single-threaded: all our coverage of this account hangs on one person of ours.")
      : null,
    coverage.uncovered.length ? h("p", {}, `Not covered: ${coverage.uncovered.map(nameOf).join(", ")}.`) : null,
  );
}

function explain(coverage, profile) {
  return h(
    "div",
    {},
    summary(coverage),
    table(
      [
        { label: "Executive", cell: (e) => link(e.name, { focus: e.person_id }) },
        { label: "Title", cell: (e) => e.title || "—" },
        { label: "Seniority", cell: (e) => humanize(e.seniority) },
        { label: "Covered", cell: coveredCell },
        { label: "Threads", numeric: true, cell: (e) => String(e.threads) },
        { label: "Best contact · strength", cell: bestContact },
      ],
      coverage.executives,
      { empty: "This account has no executive or VP at this date.", caption: "Executives and VPs, most senior first" },
    ),
    managers(coverage, profile),
  );
}

export function render(el, state) {
  const body = h("div", {});
  const title = h("h2", {}, state.focus ? nameOf(state.focus) : "Account coverage");
  fill(el, title, body);
  if (!state.focus) {
    fill(body, h("p", { class: "empty" }, "Search a company above, or open one from the "), link("portfolio", { view: "portfolio" }), ".");
    return;
  }
  const id = state.focus;
  into(
    body,
    async () => {
      const [coverage, profile] = await Promise.all([
        get(`/v1/companies/${encodeURIComponent(id)}/coverage`).then(learn),
        get(`/v1/companies/${encodeURIComponent(id)}`).then(learn),
        homeProfile(state.as_of).catch(() => null), // names of our people
      ]);
      const unnamed = coverage.executives.map((e) => e.best_contact?.person_id).filter(Boolean);
      await Promise.all(unnamed.filter((p) => nameOf(p) === p).slice(0, 10).map((p) => describe(p).catch(() => null)));
      return { coverage, profile };
    },
    ({ coverage, profile }) => {
      fill(title, profile.name, h("span", { class: "muted" }, profile.tier ? ` · ${profile.tier} tier` : ""));
      return h(
        "div",
        {},
        h("nav", { class: "actions" }, link("Network", { focus: id }), link("Timeline", { view: "timeline", focus: id }), link("Introductions", { view: "paths", to: id }), h("button", { type: "button", onclick: () => go({ view: "portfolio" }) }, "Back to the portfolio")),
        explain(coverage, profile),
      );
    },
    "Checking coverage",
  );
}
