// How the network looks: Okabe-Ito colours (they survive colour blindness) and a shape
// for every kind of node, so that nothing is told by colour alone.

export const PALETTE = {
  ours: "#0072B2", // blue, circle
  theirs: "#D55E00", // vermillion, diamond
  company: "#009E73", // bluish green, rounded square
  home: "#56B4E9", // sky blue, hexagon
  supplies: "#E69F00", // orange arrows
  manages: "#CC79A7", // reddish purple
  path: "#CC79A7",
};

/** Node size by seniority: the more senior, the larger. */
export const SIZES = { executive: 34, vp: 28, director: 23, manager: 19 };
export const DEFAULT_SIZE = 16;
export const COMPANY_SIZE = 30;

/** Edge width by strength (0-100): 0.6 px to 8 px. */
export function widthOf(strength) {
  return strength === null || strength === undefined ? 1 : 0.6 + (strength / 100) * 7.4;
}

export const STYLE = [
  {
    selector: "node",
    style: {
      width: "data(size)",
      height: "data(size)",
      "border-width": 1,
      "border-color": "#ffffff",
      "font-size": 11,
      "font-family": "system-ui, sans-serif",
      color: "#1a1a1a",
      "text-valign": "bottom",
      "text-margin-y": 3,
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.85,
      "text-background-padding": 2,
      "text-max-width": 140,
      "text-wrap": "ellipsis",
      "min-zoomed-font-size": 7,
    },
  },
  { selector: "node.ours", style: { shape: "ellipse", "background-color": PALETTE.ours } },
  { selector: "node.theirs", style: { shape: "diamond", "background-color": PALETTE.theirs } },
  {
    selector: "node.company",
    style: { shape: "round-rectangle", "background-color": PALETTE.company },
  },
  { selector: "node.home", style: { shape: "hexagon", "background-color": PALETTE.home } },
  // Seniority: a dark ring for executives, a thinner one for VPs (besides the size).
  { selector: "node.executive", style: { "border-width": 4, "border-color": "#000000" } },
  { selector: "node.vp", style: { "border-width": 2.5, "border-color": "#404040" } },
  {
    selector: "node.ego",
    style: {
      label: "data(name)",
      "font-size": 13,
      "font-weight": "bold",
      "text-max-width": 260,
      "outline-width": 4,
      "outline-color": "#000000",
      "outline-offset": 2,
      "z-index": 20,
    },
  },
  { selector: "node.labelled", style: { label: "data(name)", "z-index": 10 } }, // names over other nodes
  {
    selector: "node:selected",
    style: { "outline-width": 4, "outline-color": PALETTE.path, "outline-offset": 2, label: "data(name)" },
  },
  {
    selector: "edge",
    style: {
      "curve-style": "haystack",
      width: "data(width)",
      "line-color": "#8a8a8a",
      opacity: 0.45,
    },
  },
  { selector: "edge.WORKS_AT", style: { "line-color": "#b0b0b0", opacity: 0.6 } },
  {
    selector: "edge.SUPPLIES",
    style: {
      "curve-style": "straight",
      "line-color": PALETTE.supplies,
      "target-arrow-shape": "triangle",
      "target-arrow-color": PALETTE.supplies,
      "line-style": "dashed",
      opacity: 0.8,
      width: 2,
    },
  },
  {
    selector: "edge.MANAGES_ACCOUNT",
    style: {
      "curve-style": "straight",
      "line-color": PALETTE.manages,
      "line-style": "dotted",
      opacity: 0.9,
      width: 2,
    },
  },
  { selector: "edge.weak", style: { display: "none" } },
  // Introductions: the chosen path stands out, the other paths stay in sight, faded.
  { selector: "node.off-path", style: { opacity: 0.35 } },
  { selector: "edge.off-path", style: { opacity: 0.25 } },
  {
    selector: "node.on-path",
    style: {
      label: "data(name)",
      "font-weight": "bold",
      "outline-width": 3,
      "outline-color": PALETTE.path,
      "outline-offset": 1,
      opacity: 1,
      "z-index": 30,
    },
  },
  {
    selector: "edge.on-path",
    style: {
      "curve-style": "straight",
      "line-color": PALETTE.path,
      "line-style": "solid",
      opacity: 1,
      "z-index": 30,
      width: (edge) => 3 + widthOf(edge.data("strength")),
    },
  },
];
