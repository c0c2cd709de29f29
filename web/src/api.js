// The API client: same origin, the tab's token, the page's as-of date, readable errors,
// and a busy service asked once more after the wait it asks for.

import { automaticRetryDelay, isBusy, retryAfterSeconds } from "./problems.js";

const TOKEN_KEY = "srm-token";

/** A request the API refused or could not answer, with the problem's `detail`. */
export class ApiError extends Error {
  constructor(status, detail, retryAfter = null) {
    super(detail);
    this.status = status;
    this.detail = detail;
    this.retryAfter = retryAfter;
  }

  /** A busy service (503 with Retry-After): the request is worth repeating. */
  get busy() {
    return isBusy(this);
  }
}

let asOf = null;
let askToken = null;
let pendingToken = null;

/** The as-of date every question is asked at (null: now). */
export function setAsOf(date) {
  asOf = date || null;
}

/**
 * Who to ask for a token on a 401: `ask(detail)` resolves to a token (or rejects when the
 * person gives up). One prompt serves every request refused meanwhile.
 */
export function onUnauthorized(ask) {
  askToken = ask;
}

export function storedToken() {
  return sessionStorage.getItem(TOKEN_KEY);
}

async function problemOf(response) {
  let detail = `${response.status} ${response.statusText}`.trim();
  try {
    const body = await response.json();
    if (body && body.detail) detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail);
  } catch {
    // not JSON: the status line says what there is to say
  }
  return new ApiError(response.status, detail, retryAfterSeconds(response.headers.get("Retry-After")));
}

function urlOf(path, params, dated) {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, value);
  }
  if (dated && asOf && !url.searchParams.has("as_of")) url.searchParams.set("as_of", asOf);
  return url;
}

async function newToken(detail) {
  if (!askToken) throw new ApiError(401, detail);
  pendingToken ??= askToken(detail).finally(() => {
    pendingToken = null;
  });
  const token = await pendingToken;
  sessionStorage.setItem(TOKEN_KEY, token);
}

/**
 * GET `path` with `params` and the page's as-of date (`dated: false` leaves it out): the
 * answer's JSON, or an ApiError. A 401 asks for a token and tries again with it; a busy
 * service (503 with Retry-After) is asked once more after the wait it gives.
 */
export async function get(path, params = {}, { dated = true } = {}) {
  const url = urlOf(path, params, dated);
  let busyRetries = 0;
  for (;;) {
    const headers = { Accept: "application/json" };
    const token = storedToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    let response;
    try {
      response = await fetch(url, { headers });
    } catch (exc) {
      throw new ApiError(0, `the service cannot be reached (${exc.message})`);
    }
    if (response.ok) return response.json();
    const problem = await problemOf(response);
    const wait = automaticRetryDelay(problem, busyRetries);
    if (wait !== null) {
      busyRetries += 1;
      await new Promise((resolve) => setTimeout(resolve, wait));
      continue;
    }
    if (problem.status !== 401) throw problem;
    if (token) sessionStorage.removeItem(TOKEN_KEY);
    await newToken(problem.detail);
  }
}

let schema = null;

/** The query parameters a route takes, from /openapi.json (read once). */
export async function parametersOf(path) {
  schema ??= get("/openapi.json", {}, { dated: false }).catch(() => ({ paths: {} }));
  const route = (await schema).paths?.[path]?.get;
  return new Set((route?.parameters || []).map((p) => p.name));
}
