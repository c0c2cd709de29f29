// Names of ids: everything an answer names is remembered, so that answers holding only
// ids can show names (falling back to the id).

import { get } from "./api.js";

const known = new Map(); // id -> {id, name, label?, company?, ...}

/** Remember what is known of `id` (merged with what was known before). */
export function remember(id, facts) {
  if (!id || !facts) return;
  known.set(id, { ...known.get(id), ...facts, id });
}

/** What is known of `id`, or null. */
export function factsOf(id) {
  return known.get(id) || null;
}

/** The name of `id` (an id string, or an object with id and maybe name), or the id. */
export function nameOf(ref) {
  if (ref && typeof ref === "object") return ref.name || nameOf(ref.id);
  return known.get(ref)?.name || ref;
}

/** The id of a reference that is an id or an object with one. */
export function idOf(ref) {
  return ref && typeof ref === "object" ? ref.id : ref;
}

const ID_KEYS = ["id", "person_id", "account_id", "company_id"];

/** Remember every name an answer holds: {id|person_id|account_id|company_id, name}, and
 * `x` next to `x_name`. */
export function learn(answer) {
  if (Array.isArray(answer)) {
    answer.forEach(learn);
    return answer;
  }
  if (!answer || typeof answer !== "object") return answer;
  const idKey = ID_KEYS.find((k) => typeof answer[k] === "string");
  if (idKey && typeof answer.name === "string") {
    const facts = { name: answer.name };
    for (const k of ["label", "seniority", "tier", "title", "is_home", "company", "kind"]) {
      if (answer[k] !== undefined && answer[k] !== null) facts[k] = answer[k];
    }
    if (facts.kind && !facts.label) facts.label = facts.kind === "company" ? "Company" : "Person";
    remember(answer[idKey], facts);
  }
  for (const [key, value] of Object.entries(answer)) {
    if (typeof value === "string" && typeof answer[`${key}_name`] === "string") {
      remember(value, { name: answer[`${key}_name`] });
    } else if (value && typeof value === "object") {
      learn(value);
    }
  }
  return answer;
}

/**
 * What a node is (its label "Person" or "Company", name, seniority, tier): known, or asked
 * of the API as the first node of its ego network (one cheap request for either kind).
 */
export async function describe(id) {
  const seen = known.get(id);
  if (seen?.label && seen?.name) return seen;
  const ego = await get(`/v1/network/ego/${encodeURIComponent(id)}`, { hops: 1, limit: 1 });
  const node = ego.nodes[0];
  remember(id, { name: node.name, label: node.label, seniority: node.seniority, tier: node.tier });
  return known.get(id);
}

let companies = null;

/** Every company (read once, a thousand a page): their names are then known. */
export function allCompanies() {
  companies ??= (async () => {
    const found = [];
    let cursor = null;
    do {
      const page = await get("/v1/companies", { limit: 1000, cursor }, { dated: false });
      found.push(...learn(page.companies.map((c) => ({ ...c, label: "Company" }))));
      cursor = page.next_cursor;
    } while (cursor);
    return found;
  })();
  companies.catch(() => {
    companies = null; // asked again next time
  });
  return companies;
}

/** Names of `ids` not known yet, asked of the API (at most `max` of them). */
export async function describeAll(ids, max = 30) {
  const unknown = [...new Set(ids)].filter((id) => !known.get(id)?.name).slice(0, max);
  // One at a time: each is a heavy question, and the service answers few at once.
  for (const id of unknown) await describe(id).catch(() => null);
}
