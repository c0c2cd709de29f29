import assert from "node:assert/strict";
import { test } from "node:test";
import { automaticRetryDelay, describeFailure, isBusy, LONGEST_AUTOMATIC_WAIT, retryAfterSeconds } from "../../src/problems.js";

const busy = { status: 503, detail: "1 heavy question is being answered and none more fit in 0.01 s: ask again in a few seconds", retryAfter: 2 };

test("a busy service says when to retry, and can be retried", () => {
  assert.deepEqual(describeFailure(busy), { title: "Busy, retry in 2 s.", detail: busy.detail, retry: true });
  assert.equal(describeFailure({ ...busy, status: 429, retryAfter: 30 }).title, "Busy, retry in 30 s.");
});

test("a 503 without Retry-After is unavailable, not busy", () => {
  const failure = describeFailure({ status: 503, detail: "the store is not ready", retryAfter: null });
  assert.equal(failure.title, "The service is unavailable.");
  assert.equal(failure.retry, true);
  assert.equal(isBusy({ status: 503, retryAfter: null }), false);
});

test("a request the service refused is not worth repeating; its detail is shown", () => {
  assert.deepEqual(describeFailure({ status: 404, detail: "no company c9", retryAfter: null }), { title: "The request failed.", detail: "no company c9", retry: false });
  assert.equal(describeFailure({ status: 422, detail: "limit too large" }).retry, false);
});

test("a service that cannot be reached, a server error and a fault of the page can be retried", () => {
  assert.deepEqual(describeFailure({ status: 0, detail: "the service cannot be reached (Failed to fetch)" }), {
    title: "The service cannot be reached.",
    detail: "the service cannot be reached (Failed to fetch)",
    retry: true,
  });
  assert.equal(describeFailure({ status: 500, detail: "boom" }).retry, true);
  assert.deepEqual(describeFailure(new TypeError("x is undefined")), { title: "The request failed.", detail: "x is undefined", retry: true });
});

test("Retry-After reads as seconds or as an HTTP date", () => {
  assert.equal(retryAfterSeconds("2"), 2);
  assert.equal(retryAfterSeconds(" 120 "), 120);
  const now = new Date("2026-01-01T12:00:00Z");
  assert.equal(retryAfterSeconds("Thu, 01 Jan 2026 12:00:05 GMT", now), 5);
  assert.equal(retryAfterSeconds("Thu, 01 Jan 2026 11:00:00 GMT", now), 0, "a date gone by: at once");
  assert.equal(retryAfterSeconds(null), null);
  assert.equal(retryAfterSeconds(""), null);
  assert.equal(retryAfterSeconds("soon"), null);
  assert.equal(retryAfterSeconds("-3"), null);
});

test("a busy service is asked again once by itself, after the wait it gives", () => {
  assert.equal(automaticRetryDelay(busy, 0), 2000);
  assert.equal(automaticRetryDelay(busy, 1), null, "only once");
  assert.equal(automaticRetryDelay({ ...busy, retryAfter: LONGEST_AUTOMATIC_WAIT + 1 }, 0), null, "too long a wait is left to the person");
  assert.equal(automaticRetryDelay({ status: 503, retryAfter: null }, 0), null);
  assert.equal(automaticRetryDelay({ status: 500, retryAfter: 2 }, 0), null);
});
