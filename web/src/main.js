// The bundle's entry. In the page it starts the page; started again as a module worker
// (graph.js does, to lay networks out) it answers layouts instead, and the page's modules
// are never run there.

import { serveLayouts } from "./layout-worker.js";

if (typeof document === "undefined") serveLayouts(self);
else import("./page.js");
