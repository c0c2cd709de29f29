// What a failed request tells a person, and whether it is worth asking again. Pure: no
// DOM, no globals (unit-tested with node --test).

/** The longest wait the page retries after by itself; a longer Retry-After is only said. */
export const LONGEST_AUTOMATIC_WAIT = 10;

/**
 * The seconds a Retry-After header asks to wait: a number of seconds or an HTTP date
 * (counted from `now`, a Date); null when there is none or it cannot be read.
 */
export function retryAfterSeconds(header, now = new Date()) {
  if (header === null || header === undefined || String(header).trim() === "") return null;
  const text = String(header).trim();
  if (/^\d+$/.test(text)) return Number(text);
  if (!/^[A-Za-z]{3}, /.test(text)) return null; // an HTTP date starts with its weekday
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** A busy service: 503 (or 429) that says when to ask again. */
export function isBusy(error) {
  return (error?.status === 503 || error?.status === 429) && typeof error?.retryAfter === "number";
}

/**
 * How long to wait before asking again by itself (ms), or null: once, for a busy service,
 * after the Retry-After it gives (at most LONGEST_AUTOMATIC_WAIT s).
 */
export function automaticRetryDelay(error, attempt) {
  if (attempt > 0 || !isBusy(error) || error.retryAfter > LONGEST_AUTOMATIC_WAIT) return null;
  return error.retryAfter * 1000;
}

/**
 * What a failure reads: {title, detail, retry}. `error` is an ApiError ({status, detail,
 * retryAfter}) or any other error. A busy service says when to retry; a request the
 * service refused (4xx) is not worth repeating; anything else is.
 */
export function describeFailure(error) {
  const detail = String(error?.detail || error?.message || error || "unknown error");
  if (isBusy(error)) {
    return { title: `Busy, retry in ${error.retryAfter} s.`, detail, retry: true };
  }
  const status = error?.status;
  if (status === 0) return { title: "The service cannot be reached.", detail, retry: true };
  if (status === 503) return { title: "The service is unavailable.", detail, retry: true };
  if (status >= 400 && status < 500) return { title: "The request failed.", detail, retry: false };
  return { title: "The request failed.", detail, retry: true };
}
