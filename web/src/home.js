// Our company (the one marked is_home) and its people: "ours" on every view.

import { get } from "./api.js";
import { allCompanies, learn } from "./names.js";

let homeId; // undefined: not looked for yet; null: there is none
const profiles = new Map(); // as_of -> promise of the home company's profile

/** The id of our company, or null when no company is marked as ours. */
export async function homeCompanyId() {
  if (homeId === undefined) homeId = (await allCompanies()).find((c) => c.is_home)?.id ?? null;
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
