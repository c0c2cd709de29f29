#!/usr/bin/env node
// cypher-lint: lint the repo's .cypher files with Neo4j's own linter,
// @neo4j-cypher/language-support (the engine behind the Neo4j VS Code
// extension / Workspace query editor). Pinned in package.json/package-lock.json.
//
//   npm ci --prefix .ci/cypher-lint
//   node .ci/cypher-lint/lint.mjs .                 # walk the repo
//   node .ci/cypher-lint/lint.mjs a.cypher dir/ ... # files and/or directories
//   node .ci/cypher-lint/lint.mjs --self-test       # check the fixtures
//   options: --allow-console-commands  accept cypher-shell ":param"/":begin"... lines
//
// Output: one `path:line:col: severity: message` line per diagnostic (line/col
// 1-based, relative to the file), then `cypher-lint: N files, M statements,
// K diagnostics`. Exit 0 = clean, 1 = any diagnostic (errors AND warnings,
// e.g. deprecations or Neo4j's cartesian-product notification), 2 = usage or
// I/O error.
//
// API: lintCypherQuery(query, dbSchema, { consoleCommandsEnabled }) — synchronous,
// returns { diagnostics, symbolTables }. It splits a multi-statement text on `;`
// itself (comment- and string-aware) and reports positions relative to the
// whole text, so every file is linted in one call. Each statement is parsed
// (syntax errors) and run through Neo4j's semantic analysis (undefined
// variables, deprecations, notifications), and checked against dbSchema.
//
// dbSchema choice (what we pass and why):
//  * functions + procedures: YES. Without them the package cannot flag unknown
//    functions/procedures (`RETURN unknownFunction(1)` lints clean). We use the
//    registry the package itself ships (testData.mockSchema: a dump of a real
//    Neo4j 5/2025 database with APOC core and GDS, for both CYPHER 5 and
//    CYPHER 25). Built-ins, db.*, dbms.*, apoc.* and gds.* are therefore known;
//    other plugins (APOC extended, custom UDFs) would be reported as missing.
//    Deprecated functions/procedures (e.g. id()) are reported as warnings.
//  * labels / relationshipTypes / propertyKeys / graphSchema: NO. With them the
//    package warns on every label, type or property not in the list; there is
//    no database in CI to read the real ones from, and the mock schema's
//    Movie/Person data would only produce false warnings.
//  * parameters: NO. Parameters are bound by the application at run time, so
//    the package's "Parameter $x is not defined." errors are dropped
//    (isNotParamError, exported by the package for exactly this).
//  * defaultLanguage: 'CYPHER 5'. Neo4j 5 syntax is assumed unless a statement
//    starts with a `CYPHER 25` prefix; no prefix is needed for Neo4j 5 files.
//  * consoleCommandsEnabled: false. The service runs statements through the
//    driver, where cypher-shell commands (`:param`, `:begin`, ...) are invalid;
//    pass --allow-console-commands for cypher-shell scripts.
//
// Comment-only chunks (e.g. a trailing `// ...` after the last `;`, a file of
// comments only) and empty statements (`;;`) are blanked out before linting:
// the package would otherwise report "Expected any of CYPHER, EXPLAIN, PROFILE
// or a statement". Blanking keeps every offset, line and column unchanged.

import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  lintCypherQuery,
  isNotParamError,
  parseStatementsStrs,
  highlightSyntax,
  testData,
} from '@neo4j-cypher/language-support';

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(HERE, 'fixtures');
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
const SKIP_DIRS = new Set(['node_modules', '__pycache__']);

function buildSchema() {
  const mock = testData?.mockSchema;
  const fnCount = Object.keys(mock?.functions?.['CYPHER 5'] ?? {}).length;
  const procCount = Object.keys(mock?.procedures?.['CYPHER 5'] ?? {}).length;
  if (fnCount < 100 || procCount < 50) {
    // testData is exported but not a documented API; fail loudly if an
    // upgrade of the package drops or reshapes it.
    throw new Error(
      'cypher-lint: @neo4j-cypher/language-support no longer ships ' +
        'testData.mockSchema function/procedure registries; update lint.mjs',
    );
  }
  return {
    functions: mock.functions,
    procedures: mock.procedures,
    defaultLanguage: 'CYPHER 5',
  };
}

// Split `text` into the package's own statement chunks, with their offsets.
// A chunk includes its terminating `;`. Returns null if the chunks cannot be
// located in the text (should not happen; then nothing is blanked).
function statementChunks(text) {
  const chunks = [];
  let pos = 0;
  for (const stmt of parseStatementsStrs(text)) {
    const start = text.indexOf(stmt, pos);
    if (start < 0) return null;
    chunks.push({ start, end: start + stmt.length, text: stmt });
    pos = start + stmt.length;
  }
  return chunks;
}

function isEmptyChunk(stmt) {
  return highlightSyntax(stmt).every(
    (t) => t.tokenType === 'comment' || t.token === ';',
  );
}

function blank(text, start, end) {
  return (
    text.slice(0, start) +
    text.slice(start, end).replace(/[^\r\n]/g, ' ') +
    text.slice(end)
  );
}

function lintText(text, schema, opts) {
  text = text.replace(/^\uFEFF/, '');
  const chunks = statementChunks(text);
  let statements;
  let source = text;
  if (chunks === null) {
    statements = parseStatementsStrs(text);
  } else {
    statements = [];
    for (const c of chunks) {
      if (isEmptyChunk(c.text)) source = blank(source, c.start, c.end);
      else statements.push(c);
    }
  }
  const { diagnostics } = lintCypherQuery(source, schema, {
    consoleCommandsEnabled: opts.allowConsoleCommands,
  });
  return {
    statements,
    diagnostics: diagnostics.filter(isNotParamError),
  };
}

function formatDiagnostic(path, d) {
  const line = d.range.start.line + 1;
  const col = d.range.start.character + 1;
  const sev = SEVERITY[d.severity] ?? 'error';
  const msg = d.message.replace(/\s*\n\s*/g, ' ').trim();
  return `${path}:${line}:${col}: ${sev}: ${msg}`;
}

function walk(dir, out, { skipFixtures }) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    throw new Error(`cannot read directory ${dir}: ${e.message}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name.startsWith('.') || SKIP_DIRS.has(e.name)) continue; // .git, .ci, .venv, ...
      if (existsSync(join(p, 'pyvenv.cfg'))) continue; // a Python virtualenv
      if (skipFixtures && resolve(p) === FIXTURES) continue;
      walk(p, out, { skipFixtures });
    } else if (e.isFile() && e.name.endsWith('.cypher')) {
      out.push(p);
    }
  }
}

function collectFiles(args) {
  const files = [];
  for (const arg of args) {
    let st;
    try {
      st = statSync(arg);
    } catch (e) {
      throw new Error(`no such file or directory: ${arg}`);
    }
    if (st.isDirectory()) walk(arg, files, { skipFixtures: true });
    else files.push(arg);
  }
  return files;
}

function displayPath(p) {
  const rel = relative(process.cwd(), resolve(p));
  return rel === '' || rel.startsWith('..' + sep) || rel === '..' ? p : rel;
}

function lintFiles(files, schema, opts) {
  let nStatements = 0;
  let nDiagnostics = 0;
  const perFile = [];
  for (const file of files) {
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      throw new Error(`cannot read ${file}: ${e.message}`);
    }
    const res = lintText(text, schema, opts);
    nStatements += res.statements.length;
    nDiagnostics += res.diagnostics.length;
    for (const d of res.diagnostics) console.log(formatDiagnostic(displayPath(file), d));
    perFile.push({ file, ...res });
  }
  console.log(
    `cypher-lint: ${files.length} files, ${nStatements} statements, ${nDiagnostics} diagnostics`,
  );
  return { nStatements, nDiagnostics, perFile };
}

function selfTest(schema, opts) {
  const good = join(FIXTURES, 'good.cypher');
  const bad = join(FIXTURES, 'bad.cypher');
  const failures = [];

  console.log(`# ${displayPath(good)} (expect no diagnostics)`);
  const g = lintFiles([good], schema, opts);
  if (g.nDiagnostics !== 0) failures.push(`good.cypher has ${g.nDiagnostics} diagnostics`);
  if (g.nStatements === 0) failures.push('good.cypher has no statements');

  console.log(`# ${displayPath(bad)} (expect >= 1 diagnostic per statement)`);
  const b = lintFiles([bad], schema, opts);
  const { statements, diagnostics } = b.perFile[0];
  if (statements.length === 0 || diagnostics.length === 0) {
    failures.push('bad.cypher produced no diagnostics');
  }
  for (const s of statements) {
    if (s.start === undefined) continue; // chunk offsets unavailable
    const hit = diagnostics.some(
      (d) => d.offsets.start >= s.start && d.offsets.start <= s.end,
    );
    if (!hit) {
      failures.push(
        `bad.cypher statement without a diagnostic: ${s.text.trim().split('\n').pop()}`,
      );
    }
  }

  for (const f of failures) console.log(`self-test FAILED: ${f}`);
  console.log(failures.length ? 'cypher-lint self-test: FAILED' : 'cypher-lint self-test: OK');
  return failures.length ? 1 : 0;
}

function main(argv) {
  const opts = { allowConsoleCommands: false };
  const paths = [];
  let self = false;
  for (const a of argv) {
    if (a === '--self-test') self = true;
    else if (a === '--allow-console-commands') opts.allowConsoleCommands = true;
    else if (a === '-h' || a === '--help') {
      console.log('usage: node lint.mjs [--allow-console-commands] FILE_OR_DIR... | --self-test');
      return 0;
    } else if (a.startsWith('--')) {
      console.error(`cypher-lint: unknown option ${a}`);
      return 2;
    } else paths.push(a);
  }
  if (!self && paths.length === 0) {
    console.error('usage: node lint.mjs [--allow-console-commands] FILE_OR_DIR... | --self-test');
    return 2;
  }
  const schema = buildSchema();
  if (self) return selfTest(schema, opts);
  const files = collectFiles(paths);
  const { nDiagnostics } = lintFiles(files, schema, opts);
  return nDiagnostics > 0 ? 1 : 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (e) {
  console.error(`cypher-lint: ${e.message}`);
  process.exitCode = 2;
}
