// A type-ahead over companies and people (GET /v1/search), driven by keyboard or mouse.

import { get } from "./api.js";
import { h, fill } from "./dom.js";
import { learn } from "./names.js";
import { humanize } from "./format.js";

let boxes = 0;

/** What a hit is: a person's title and company (and e-mail when `twin`, another hit of the
 * same name, is listed too); a company's tier and domain. */
function describeHit(hit, twin) {
  if (hit.kind === "person") {
    return [hit.title, hit.company?.name, twin ? hit.email : null].filter(Boolean).join(" · ");
  }
  return [hit.is_home ? "our company" : null, hit.tier ? `${hit.tier} tier` : null, hit.domain]
    .filter(Boolean)
    .join(" · ");
}

/**
 * A search box: `onPick(hit)` when a person picks a hit; `kind` limits it to "person" or
 * "company"; `value` is the text it starts with.
 */
export function searchBox({ label, placeholder, kind, onPick, value = "", id }) {
  const n = ++boxes;
  const listId = `search-list-${n}`;
  const input = h("input", {
    type: "search",
    id: id || `search-${n}`,
    class: "search-input",
    placeholder: placeholder || "Search companies and people",
    autocomplete: "off",
    spellcheck: "false",
    role: "combobox",
    "aria-autocomplete": "list",
    "aria-expanded": "false",
    "aria-controls": listId,
    value,
  });
  const list = h("ul", { id: listId, role: "listbox", class: "search-hits", hidden: true });
  const status = h("p", { class: "search-status", role: "status", hidden: true });
  let hits = [];
  let active = -1;
  let asked = 0;
  let timer = null;

  function close() {
    list.hidden = true;
    status.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function show(index) {
    active = index;
    [...list.children].forEach((li, i) => li.setAttribute("aria-selected", String(i === index)));
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", list.children[index].id);
      list.children[index].scrollIntoView({ block: "nearest" });
    }
  }

  function pick(hit) {
    input.value = hit.name;
    close();
    onPick(hit);
  }

  function render() {
    const named = new Map();
    for (const hit of hits) named.set(hit.name, (named.get(hit.name) || 0) + 1);
    fill(
      list,
      hits.map((hit, i) =>
        h(
          "li",
          {
            id: `${listId}-${i}`,
            role: "option",
            class: `hit hit-${hit.kind}`,
            "aria-selected": "false",
            onmousedown: (event) => {
              event.preventDefault(); // keep the focus in the input
              pick(hit);
            },
          },
          h("span", { class: `glyph glyph-${hit.kind}`, "aria-hidden": "true" }),
          h("span", { class: "hit-name" }, hit.name),
          h("span", { class: "hit-kind" }, humanize(hit.kind)),
          h("span", { class: "hit-more" }, describeHit(hit, named.get(hit.name) > 1)),
        ),
      ),
    );
    list.hidden = hits.length === 0;
    status.hidden = hits.length !== 0;
    status.textContent = hits.length ? "" : "No company or person matches.";
    input.setAttribute("aria-expanded", String(hits.length > 0));
    show(hits.length ? 0 : -1);
  }

  async function search() {
    const q = input.value.trim();
    const mine = ++asked;
    if (!q) {
      hits = [];
      close();
      return;
    }
    try {
      // At the page's as-of date: a person with the company they worked at then.
      const answer = await get("/v1/search", { q, kind, limit: 8 });
      if (mine !== asked) return; // a newer question is on its way
      hits = learn(answer.hits);
      render();
    } catch (error) {
      if (mine !== asked) return;
      hits = [];
      fill(list);
      list.hidden = true;
      status.hidden = false;
      status.textContent = `Search failed: ${error.detail || error.message}`;
    }
  }

  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (list.hidden && hits.length) render();
      else if (hits.length) show((active + (event.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length);
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (!list.hidden && hits[active]) pick(hits[active]);
      else search();
    } else if (event.key === "Escape") {
      if (!list.hidden) event.preventDefault();
      close();
    }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));

  return h(
    "div",
    { class: "search" },
    label ? h("label", { for: input.id, class: "search-label" }, label) : null,
    input,
    list,
    status,
  );
}
