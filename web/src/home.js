// Our company (the one marked is_home) and its people: "ours" on every view.

import { get } from "./api.js";
import { learn } from "./names.js";

let homeId; // undefined: not looked for yet; null: there is none
const profiles = new Map(); // as_of -> promise of the home company's profile

async function findHome() {
  let cursor = null;
  do {
    const page = await get("/v1/companies", { limit: 1000, cursor }, { dated: false });
    learn(page.companies.map((c) => ({ ...c, label: "Company" })));
    const home = page.companies.find((c) => c.is_home);
    if (home) return home.id;
    cursor = page.next_cursor;
  } while (cursor);
  return null;
}

/** The id of our company, or null when no company is marked as ours. */
export async function homeCompanyId() {
  if (homeId === undefined) homeId = await findHome();
  return homeId;
}

/**
 * Our company's profile at `asOf` (its current people, most senior first), or null when
 * no company is marked as ours.
 */
export async function homeProfile(asOf) {
  const key = asOf || "";
  if (!profiles.has(key)) {
    const loading = homeCompanyId().then((id) =>
      id ? get(`/v1/companies/${encodeURIComponent(id)}`).then(learn) : null,
    );
    loading.catch(() => profiles.delete(key)); // asked again next time
    profiles.set(key, loading);
  }
  return profiles.get(key);
}
