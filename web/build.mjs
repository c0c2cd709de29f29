// Build the page into api/static (or --out DIR): the bundle, its styles, index.html naming
// them by content hash, and the licences of the bundled libraries. The same sources
// always give the same bytes (tests/test_web_page.py rebuilds and compares).

import { createHash } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));
const outFlag = process.argv.indexOf("--out");
const out = resolve(outFlag > 0 ? process.argv[outFlag + 1] : join(here, "..", "api", "static"));

// The libraries in the bundle: their licence texts ship beside it.
const BUNDLED = ["cytoscape", "cytoscape-fcose", "cose-base", "layout-base"];

async function bundle(entry) {
  const result = await build({
    entryPoints: [join(here, "src", entry)],
    bundle: true,
    minify: true,
    format: "esm",
    target: ["es2022"],
    legalComments: "none", // the licences are in THIRD-PARTY-LICENSES.txt
    charset: "utf8",
    write: false,
    logLevel: "error",
  });
  return result.outputFiles[0].contents;
}

function hashOf(bytes) {
  return createHash("sha256").update(bytes).digest("hex").slice(0, 12);
}

async function licences() {
  const parts = [
    "Third-party software bundled in app.js (see web/LICENSES.md in the sources).\n",
  ];
  for (const name of BUNDLED) {
    const pkg = JSON.parse(await readFile(join(here, "node_modules", name, "package.json"), "utf8"));
    const text = await readFile(join(here, "node_modules", name, "LICENSE"), "utf8");
    parts.push(`\n${"=".repeat(72)}\n${name} ${pkg.version} (${pkg.license})\n${"=".repeat(72)}\n\n${text.trim()}\n`);
  }
  return parts.join("");
}

const js = await bundle("main.js");
const css = await bundle("styles.css");
const html = (await readFile(join(here, "src", "index.html"), "utf8"))
  .replace("{{app.js}}", `app.js?v=${hashOf(js)}`)
  .replace("{{app.css}}", `app.css?v=${hashOf(css)}`);

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await writeFile(join(out, "app.js"), js);
await writeFile(join(out, "app.css"), css);
await writeFile(join(out, "index.html"), html);
await writeFile(join(out, "THIRD-PARTY-LICENSES.txt"), await licences());
console.log(`built ${out}: app.js ${js.length} B, app.css ${css.length} B`);
