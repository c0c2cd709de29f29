import assert from "node:assert/strict";
import { test } from "node:test";
import {
  formatAmounts,
  formatCount,
  formatDate,
  formatDateTime,
  formatMoney,
  formatShare,
  formatStrength,
  formatValue,
  humanize,
  reciprocityWord,
  strengthWord,
} from "../../src/format.js";

test("counts have thousands separators; missing values read as a dash", () => {
  assert.equal(formatCount(12345), "12,345");
  assert.equal(formatCount(null), "—");
});

test("strengths have one decimal", () => {
  assert.equal(formatStrength(13.312120980086593), "13.3");
  assert.equal(formatStrength(100), "100.0");
  assert.equal(formatStrength(0.04), "0.0");
  assert.equal(formatStrength(undefined), "—");
});

test("shares read as percentages", () => {
  assert.equal(formatShare(0.5), "50 %");
  assert.equal(formatShare(1 / 3, 1), "33.3 %");
  assert.equal(formatShare(null), "—");
});

test("money keeps its currency", () => {
  assert.equal(formatMoney(1234.5, "EUR"), "€1,234.50");
  assert.equal(formatMoney(95293.48999999999, "USD"), "US$95,293.49");
  assert.equal(formatMoney(34800, "GBP"), "£34,800.00");
  assert.equal(formatMoney(10, null), "10.00");
  assert.equal(formatMoney(10, "XX1"), "10.00 XX1");
});

test("amounts in several currencies are listed, never added up", () => {
  const amounts = [
    { currency: "EUR", amount: 211701.14 },
    { currency: "GBP", amount: 34800 },
  ];
  assert.equal(formatAmounts(amounts), "€211,701.14 + £34,800.00");
  assert.equal(formatAmounts([]), "—");
});

test("a value is the single number when the API gives one, else its amounts", () => {
  const valuation = { currency: "EUR", comparable: true };
  assert.equal(formatValue(6300, [{ currency: "EUR", amount: 6300 }], valuation), "€6,300.00");
  const mixed = [{ currency: "USD", amount: 501600 }];
  assert.equal(formatValue(null, mixed, { currency: null, comparable: false }), "US$501,600.00");
});

test("dates and times read in UTC", () => {
  assert.equal(formatDate("2026-07-13T12:00:00Z"), "13 Jul 2026");
  assert.equal(formatDate("2026-01-01T00:30:00+02:00"), "31 Dec 2025");
  assert.equal(formatDateTime("2026-07-13T12:05:00Z"), "13 Jul 2026, 12:05 UTC");
  assert.equal(formatDate(null), "—");
  assert.equal(formatDate("not a date"), "not a date");
});

test("strengths and reciprocity have words", () => {
  assert.equal(strengthWord(93.9), "very strong");
  assert.equal(strengthWord(13.3), "weak");
  assert.equal(strengthWord(null), "no tie");
  assert.equal(reciprocityWord(1), "balanced");
  assert.equal(reciprocityWord(0.2), "one-sided");
});

test("API words read as words", () => {
  assert.equal(humanize("video_call"), "video call");
  assert.equal(humanize("at-risk"), "at risk");
});
