// The page: a header (search, views, as-of date) over the view the URL names (started by
// main.js).

import { onUnauthorized, setAsOf } from "./api.js";
import { fill, h } from "./dom.js";
import { allCompanies, describeAll } from "./names.js";
import { current, go, onChange, update } from "./router.js";
import { searchBox } from "./search-box.js";
import { askForToken } from "./token-form.js";
import * as account from "./views/account.js";
import * as atRisk from "./views/at-risk.js";
import * as network from "./views/network.js";
import * as paths from "./views/paths.js";
import * as portfolio from "./views/portfolio.js";
import * as reciprocity from "./views/reciprocity.js";
import * as strength from "./views/strength.js";
import * as timeline from "./views/timeline.js";

// Each view: its tab label and its module (render(el, state), which may return a disposer).
const VIEWS = {
  network: { label: "Network", module: network },
  account: { label: "Account", module: account },
  portfolio: { label: "Portfolio", module: portfolio },
  paths: { label: "Introductions", module: paths },
  strength: { label: "Strength", module: strength },
  timeline: { label: "Timeline", module: timeline },
  reciprocity: { label: "Reciprocity (audited)", module: reciprocity },
  "at-risk": { label: "At risk", module: atRisk },
};

// Views that show one company or person: search keeps them, other views go to the network.
const FOCUSED = { network: "any", account: "company", timeline: "any", reciprocity: "company" };

const main = h("main", { id: "view", tabindex: "-1" });
let dispose = null;

function tabs(state) {
  return h(
    "nav",
    { class: "tabs", "aria-label": "Views" },
    Object.entries(VIEWS).map(([name, v]) =>
      h(
        "a",
        {
          href: `?view=${name}${state.as_of ? `&as_of=${state.as_of}` : ""}`,
          "aria-current": state.view === name ? "page" : null,
          onclick: (event) => {
            event.preventDefault();
            go({ view: name, focus: FOCUSED[name] ? state.focus : null });
          },
        },
        v.label,
      ),
    ),
  );
}

function pickFromSearch(hit) {
  const state = current();
  const keeps = FOCUSED[state.view] === "any" || (FOCUSED[state.view] === "company" && hit.kind === "company");
  go({ view: keeps ? state.view : "network", focus: hit.id });
}

const nav = h("div", { class: "tabs-slot" });
const asOf = h("input", {
  type: "date",
  id: "as-of",
  onchange: (event) => update({ as_of: event.target.value || null }),
});

function header() {
  return h(
    "header",
    { class: "top" },
    h("a", { class: "brand", href: window.location.pathname }, "srm-graph"),
    searchBox({ placeholder: "Search companies and people", onPick: pickFromSearch, id: "global-search" }),
    h("label", { class: "as-of", for: "as-of" }, h("span", {}, "As of"), asOf),
    nav,
  );
}

let shown = 0;

async function show(state) {
  const mine = ++shown;
  setAsOf(state.as_of);
  asOf.value = state.as_of || "";
  fill(nav, tabs(state));
  // The names of the ids the address holds, so that titles and boxes read as names. The
  // network does not wait for them: its own answer names every node.
  const names = allCompanies()
    .catch(() => null)
    .then(() => describeAll([state.focus, state.from, state.to, state.a, state.b].filter(Boolean)));
  if ((state.view || "network") !== "network") await names;
  if (mine !== shown) return; // another view was asked for meanwhile
  if (typeof dispose === "function") dispose();
  const view = VIEWS[state.view] || VIEWS.network;
  document.title = `${view.label} · srm-graph`;
  main.className = `view-${state.view}`;
  dispose = view.module.render(main, state);
}

onUnauthorized(askForToken);
onChange(show);
document.body.append(header(), main, h("footer", {}, h("a", { href: "/docs" }, "API"), " · ", h("a", { href: "/static/THIRD-PARTY-LICENSES.txt" }, "Licences")));
show(current());
