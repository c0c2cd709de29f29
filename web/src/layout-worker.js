// fCoSE, the library's force-directed layout, run where it cannot freeze the page: in a
// worker (the page's own bundle, started again as a module worker) that answers
// positions, or in the page when a worker cannot be had.

import cytoscape from "cytoscape";
import fcose from "cytoscape-fcose";
import { NODE_REPULSION, elasticity, fcoseOptions, idealLength } from "./layout-plan.js";

cytoscape.use(fcose);

/**
 * Lay out `nodes` ({id, size, x, y}) linked by `edges` ({id, source, target, type,
 * strength}, the ties that pull) with fCoSE; `fixed` ids stay where they are, and
 * `incremental` starts from the nodes' positions. Returns {id: {x, y}}.
 */
export function runLayout({ nodes, edges, fixed = [], incremental = false }) {
  const cy = cytoscape({
    headless: true,
    styleEnabled: true, // the nodes' sizes keep them apart
    style: [{ selector: "node", style: { width: "data(size)", height: "data(size)" } }],
  });
  cy.add(nodes.map((n) => ({ group: "nodes", data: { id: n.id, size: n.size || 16 }, position: { x: n.x ?? 0, y: n.y ?? 0 } })));
  cy.add(edges.map((e) => ({ group: "edges", data: { ...e } })));
  const at = new Map(nodes.map((n) => [n.id, n]));
  const pinned = fixed.filter((id) => at.has(id)).map((id) => ({ nodeId: id, position: { x: at.get(id).x ?? 0, y: at.get(id).y ?? 0 } }));
  cy.layout({
    ...fcoseOptions(nodes.length, { incremental }),
    nodeRepulsion: () => NODE_REPULSION,
    idealEdgeLength: (edge) => idealLength(edge.data()),
    edgeElasticity: (edge) => elasticity(edge.data()),
    fixedNodeConstraint: pinned.length ? pinned : undefined,
  }).run();
  const positions = {};
  cy.nodes().forEach((n) => {
    const { x, y } = n.position();
    positions[n.id()] = { x, y };
  });
  cy.destroy();
  return positions;
}

/** Answer the layouts asked of this worker: {id, ...request} -> {id, positions} or {id, error}. */
export function serveLayouts(scope) {
  scope.addEventListener("message", (event) => {
    const { id, ...request } = event.data;
    try {
      scope.postMessage({ id, positions: runLayout(request) });
    } catch (error) {
      scope.postMessage({ id, error: String(error?.message || error) });
    }
  });
}
