// Small DOM helpers: build elements, tables, and the states a panel can be in.

import { describeFailure } from "./problems.js";

/**
 * An element: h("a", {href: "?focus=c1", class: "link"}, "Acme"). Attributes starting with
 * "on" are listeners; children are nodes, strings or arrays of them (null is skipped).
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) el.addEventListener(key.slice(2).toLowerCase(), value);
    else if (key === "class") el.className = value;
    else if (key === "dataset") Object.assign(el.dataset, value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** `el` emptied and filled with `children`. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * A table: columns are [{label, cell(row) -> node|string, numeric?}]; `onRow(row)` makes
 * each row open something (by click or Enter); `rowId(row)` names a row (data-id).
 */
export function table(columns, rows, { onRow, rowId, caption, empty = "Nothing to show." } = {}) {
  if (rows.length === 0) return h("div", {}, caption ? h("h4", {}, caption) : null, h("p", { class: "empty" }, empty));
  const head = h("tr", {}, columns.map((c) => h("th", { scope: "col", class: c.numeric ? "num" : null }, c.label)));
  const body = rows.map((row) => {
    const tr = h(
      "tr",
      { tabindex: onRow ? "0" : null, class: onRow ? "clickable" : null, "data-id": rowId ? rowId(row) : null },
      columns.map((c) => h("td", { class: c.numeric ? "num" : null, "data-label": c.label }, h("span", { class: "cell" }, c.cell(row)))),
    );
    if (onRow) {
      tr.addEventListener("click", (event) => {
        if (!event.target.closest("a, button")) onRow(row);
      });
      tr.addEventListener("keydown", (event) => {
        if (event.key === "Enter" && event.target === tr) onRow(row);
      });
    }
    return tr;
  });
  return h(
    "div",
    { class: "table-wrap" },
    h("table", { class: "data" }, caption ? h("caption", {}, caption) : null, h("thead", {}, head), h("tbody", {}, body)),
  );
}

/** A panel that says it is loading. */
export function loading(what = "Loading") {
  return h("p", { class: "loading", role: "status" }, `${what}…`);
}

/**
 * A panel that says why a request failed: the API's detail, for a busy service when to
 * retry, and a "Retry" button (`retry` is called on it) unless asking again cannot help.
 */
export function failure(error, retry) {
  const { title, detail, retry: worth } = describeFailure(error);
  return h(
    "div",
    { class: "error", role: "alert", "data-status": error?.status ?? null },
    h("strong", {}, `${title} `),
    h("span", { class: "detail" }, detail),
    retry && worth ? h("button", { type: "button", onclick: retry }, "Retry") : null,
  );
}

/** Run `load()` into `el`: a loading line, then what `render(answer)` makes, or the failure. */
export async function into(el, load, render, what) {
  fill(el, loading(what));
  try {
    const answer = await load();
    fill(el, render(answer));
    return answer;
  } catch (error) {
    if (!(error && "status" in error)) console.error(error); // a fault of the page itself
    fill(el, failure(error, () => into(el, load, render, what)));
    return null;
  }
}
