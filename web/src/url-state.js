// The page's state <-> the query string, so that a link restores what a person saw.
// Pure: no DOM, no globals (unit-tested with node --test).

export const VIEWS = [
  "network",
  "account",
  "portfolio",
  "paths",
  "strength",
  "timeline",
  "reciprocity",
  "at-risk",
];

// Keys in the order they appear in a URL; anything else in a query string is dropped.
const KEYS = [
  "view",
  "focus",
  "from",
  "to",
  "a",
  "b",
  "mode",
  "hops",
  "tier",
  "relationship",
  "window_days",
  "drop",
  "min_strength",
  "as_of",
];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The view a state without `view` means: introductions for from/to, the network for focus. */
function impliedView(state) {
  if (state.from || state.to) return "paths";
  if (state.a || state.b) return "strength";
  return "network";
}

/** The state a query string holds (`?focus=c1&as_of=2025-01-01`), unknown keys dropped. */
export function parseState(search) {
  const params = new URLSearchParams(search);
  const state = {};
  for (const key of KEYS) {
    const value = params.get(key);
    if (value !== null && value.trim() !== "") state[key] = value.trim();
  }
  if (state.as_of && !DATE.test(state.as_of)) delete state.as_of;
  if (state.view && !VIEWS.includes(state.view)) delete state.view;
  if (!state.view) state.view = impliedView(state);
  return state;
}

/** The query string of a state (with its leading "?"; "" for the empty home state). */
export function formatState(state) {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = state[key];
    if (value === undefined || value === null || value === "") continue;
    if (key === "view" && value === impliedView(state)) continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** `state` with `patch` applied; keys patched to null or "" are removed. */
export function patchState(state, patch) {
  const next = { ...state, ...patch };
  for (const [key, value] of Object.entries(next)) {
    if (value === null || value === undefined || value === "") delete next[key];
  }
  if (!next.view) next.view = impliedView(next);
  return next;
}

/** Whether two states show the same thing. */
export function sameState(a, b) {
  return formatState(a) === formatState(b);
}
