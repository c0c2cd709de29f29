// The page in a real browser against a real `srm serve --demo`: every view shows what its
// API answers. One server and one browser for all of them (the views' tests are in the
// modules imported below). Screenshots go to web/screenshots/.

import { after, before } from "node:test";
import { setUp, tearDown } from "./context.mjs";

before(setUp, { timeout: 300_000 });
after(tearDown);

await import("./network.mjs");
await import("./accounts.mjs");
await import("./introductions.mjs");
await import("./views.mjs");
await import("./access.mjs");
await import("./busy.mjs");
