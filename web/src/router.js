// The page's state lives in the URL: views read it, links and controls change it, and the
// back button walks it back (history.pushState / popstate).

import { formatState, parseState, patchState, sameState } from "./url-state.js";
import { h } from "./dom.js";

let state = parseState(window.location.search);
const listeners = [];

export function current() {
  return state;
}

/** Call `listener(state)` whenever the state changes (a link, a control, the back button). */
export function onChange(listener) {
  listeners.push(listener);
}

function changed() {
  for (const listener of listeners) listener(state);
}

/** Show `next` (a whole state); `replace` keeps the history entry (for corrections). */
export function show(next, { replace = false } = {}) {
  if (sameState(next, state)) return;
  state = next;
  const url = `${window.location.pathname}${formatState(state)}`;
  if (replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
  changed();
}

/** The state of a fresh view (keeping the as-of date): {view: "account", focus: "c1"}. */
export function target(fresh) {
  return patchState({ as_of: state.as_of }, fresh);
}

/** Go to a fresh view. */
export function go(fresh) {
  show(target(fresh));
}

/** Change part of the current view (a filter, a switch). */
export function update(patch, options) {
  show(patchState(state, patch), options);
}

/** A link to a fresh view that the page follows itself (and a new tab can open). */
export function link(text, fresh, attrs = {}) {
  const next = target(fresh);
  return h(
    "a",
    {
      href: `${window.location.pathname}${formatState(next)}`,
      ...attrs,
      onclick: (event) => {
        if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        show(next);
      },
    },
    text,
  );
}

window.addEventListener("popstate", () => {
  state = parseState(window.location.search);
  changed();
});
