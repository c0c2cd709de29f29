// How numbers, money, dates and strengths read on the page. Pure (unit-tested).

const LOCALE = "en-GB";
const COUNT = new Intl.NumberFormat(LOCALE); // made once: making one costs more than using it

/** A count with thousands separators: 12345 -> "12,345"; null -> "—". */
export function formatCount(value) {
  if (value === null || value === undefined) return "—";
  return COUNT.format(value);
}

/** A strength 0-100 with one decimal: 13.3121 -> "13.3"; null -> "—". */
export function formatStrength(value) {
  if (value === null || value === undefined) return "—";
  return (Math.round(value * 10) / 10).toFixed(1);
}

/** A share 0-1 as a percentage: 0.5 -> "50 %"; null -> "—". */
export function formatShare(value, digits = 0) {
  if (value === null || value === undefined) return "—";
  return `${(value * 100).toFixed(digits)} %`;
}

/** An amount in its currency: (1234.5, "EUR") -> "€1,234.50"; no currency -> "1,234.50". */
export function formatMoney(amount, currency) {
  if (amount === null || amount === undefined) return "—";
  const options = { minimumFractionDigits: 2, maximumFractionDigits: 2 };
  if (!currency) return new Intl.NumberFormat(LOCALE, options).format(amount);
  try {
    return new Intl.NumberFormat(LOCALE, { ...options, style: "currency", currency }).format(
      amount,
    );
  } catch {
    // A code Intl does not know still reads as "1,234.50 XYZ".
    return `${new Intl.NumberFormat(LOCALE, options).format(amount)} ${currency}`;
  }
}

/** Amounts by currency ([{currency, amount}]) as one line: "€6,300.00 + £34,800.00". */
export function formatAmounts(list) {
  if (!list || list.length === 0) return "—";
  return list.map((m) => formatMoney(m.amount, m.currency)).join(" + ");
}

/**
 * A value as the API values it: the single number when there is one (in the answer's
 * valuation currency), else the amounts in their own currencies.
 */
export function formatValue(value, byCurrency, valuation) {
  if (value !== null && value !== undefined) return formatMoney(value, valuation?.currency);
  return formatAmounts(byCurrency);
}

/** A date of an ISO-8601 instant, in UTC: "2026-07-13T12:00:00Z" -> "13 Jul 2026". */
export function formatDate(iso) {
  if (!iso) return "—";
  const moment = new Date(iso);
  if (Number.isNaN(moment.getTime())) return String(iso);
  return new Intl.DateTimeFormat(LOCALE, {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(moment);
}

/** Date and time of an instant, in UTC: "13 Jul 2026, 12:00 UTC". */
export function formatDateTime(iso) {
  if (!iso) return "—";
  const moment = new Date(iso);
  if (Number.isNaN(moment.getTime())) return String(iso);
  const time = new Intl.DateTimeFormat(LOCALE, {
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone: "UTC",
  }).format(moment);
  return `${formatDate(iso)}, ${time} UTC`;
}

/** A word for a strength, so it reads without the number: 0-100 -> "weak" .. "very strong". */
export function strengthWord(value) {
  if (value === null || value === undefined) return "no tie";
  if (value >= 70) return "very strong";
  if (value >= 40) return "strong";
  if (value >= 15) return "moderate";
  if (value >= 5) return "weak";
  return "very weak";
}

/** Who reached out, from the API's reciprocity balance 0-1: 1 is fully mutual. */
export function reciprocityWord(value) {
  if (value === null || value === undefined) return "—";
  if (value >= 0.8) return "balanced";
  if (value >= 0.5) return "mostly one side";
  return "one-sided";
}

/** A label for an API word: "video_call" -> "video call", "at-risk" -> "at risk". */
export function humanize(word) {
  if (!word) return "";
  return String(word).replace(/[_-]+/g, " ");
}
