// Assembles dist/ from www/, the wasm-pack output and examples/broken (called by scripts/build-web).
//
// esbuild bundles and minifies the page's modules (www/src/, entry main.js) into one script, and the
// worker (www/worker.js with the wasm-bindgen glue) into one classic script.
//
// dist/wb-ssl-check.js   the element for the page: CSS as a constant, then the bundle; it fetches
//                        dist/wb_ssl_check_bg.wasm (compiled while it downloads) and, when asked,
//                        example.json and public-roots.bin.
// dist/wb-ssl-check-widget.js   the element for documentation sites: the same, except that it never
//                        asks for public-roots.bin (a docs site copies five files: this one, worker.js,
//                        wb_ssl_check_bg.wasm, rule-docs.js, example.json). It needs `connect-src 'self'`.
// dist/wb-ssl-check-widget-inline.js   the widget with the wasm module and the example inline
//                        (base64): for hosts whose CSP forbids `connect-src 'self'` (it works under
//                        `connect-src 'none'`), at about 130 KiB more gzipped and no streaming compile.
// dist/worker.js         the worker bundle.
// dist/worker-full.js, dist/wb_ssl_check_full_bg.wasm   the same with the Kubernetes reader and archives
//                        (the `kubernetes` feature, over the first load's budget): the page switches to
//                        them when a Kubernetes input or an archive is given. The offline file carries this module.
// dist/chart-defaults.json   the Helm chart's defaults by version, loaded by that module for values.
// dist/rule-docs.js      the rules' documentation, loaded when a finding is first opened.
// dist/example.json      examples/broken, loaded by the page when "Load example" is pressed.
// dist/index.html, page.css (minified), docs-example.html
// dist/wb-ssl-check-offline.html   everything inlined (worker as a Blob), CSP with hashes, works from disk.
// dist/wb_ssl_check.d.ts the TypeScript declarations of the wasm API.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { buildSync, transformSync } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const toml = readFileSync(join(root, 'wasm-pack.toml'), 'utf8');
const setting = (section, key) => {
  const block = toml.split(/^\[/m).find((b) => b.startsWith(section + ']')) || '';
  const m = block.match(new RegExp(`^${key}\\s*=\\s*"?([^"\\n]*)"?`, 'm'));
  if (!m) throw new Error(`wasm-pack.toml: [${section}] ${key} missing`);
  return m[1].trim();
};
// The test build (WB_TEST_BUILD=1: a module with the test-hooks feature, whose worker also answers
// `panic` and `hang`) goes to target/dist-test; the shipped site to dist/.
const testBuild = Boolean(process.env.WB_TEST_BUILD);
const pkg = process.env.WB_PKG_DIR || join(root, setting('web', 'pkg-dir'));
const out = testBuild ? join(root, 'target/dist-test') : join(root, setting('web', 'out-dir'));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const read = (...p) => readFileSync(join(...p), 'utf8');
const wasm = readFileSync(join(pkg, 'wb_ssl_check_bg.opt.wasm'));
const pkgFull = `${pkg}-full`;
const wasmFull = readFileSync(join(pkgFull, 'wb_ssl_check_bg.opt.wasm'));
const chartDefaults = read(pkg, 'chart-defaults.json').trim();
const example = {};
for (const name of readdirSync(join(root, 'examples/broken')).sort()) example[name] = read(root, 'examples/broken', name);

/** esbuild's CSS minifier (shorter colours and numbers, no last semicolons: 38 bytes gzipped less than
 * only collapsing whitespace). */
const minifyCss = (css) => transformSync(css, { loader: 'css', minify: true, target: ['chrome111', 'firefox113', 'safari16.4'], logLevel: 'error' }).code.trim();
/** What the build puts in front of the bundle: CSS, and (unless `withExample` is false) EXAMPLE. */
// No "generated" comment in front: every byte of the page's script counts against its budget.
const constants = (extra = '', withExample = true) =>
  `const CSS = ${JSON.stringify(minifyCss(read(root, 'www/app.css')))};\n` +
  (withExample ? `const EXAMPLE = ${JSON.stringify(example)};\n` : '') +
  extra;
const inlineWasm = `const WASM_BASE64 = ${JSON.stringify(wasm.toString('base64'))};\n`;
const inlineWasmFull = `const WASM_BASE64 = ${JSON.stringify(wasmFull.toString('base64'))};\n`;
/** One minified script from an entry module and what it imports. The constants the build puts in
 * front (CSS, EXAMPLE, WASM_BASE64, ...) are free names that minification leaves alone. */
const bundle = (entry, format, alias = {}) =>
  buildSync({ entryPoints: [join(root, entry)], bundle: true, minify: true, format, target: 'es2022', alias, write: false, logLevel: 'error', legalComments: 'none' }).outputFiles[0].text;
const app = bundle('www/src/main.js', 'esm');
// A classic script (iife), so that the same worker runs from a file and, in the offline file, from a
// Blob URL: Chromium refuses module workers from Blob URLs on file:// pages.
const worker = bundle('www/worker.js', 'iife', { 'wb-ssl-check-glue': join(pkg, 'wb_ssl_check.js') });
const workerFull = bundle('www/worker.js', 'iife', { 'wb-ssl-check-glue': join(pkgFull, 'wb_ssl_check.js') });
if (!testBuild && /panicForTests/.test(worker + workerFull)) throw new Error('test-only exports in the shipped worker');

// The page and the widget load the example when it is asked for (example.json), like the rule docs:
// not part of the first load. The inline widget and the offline file, which fetch nothing, carry it.
writeFileSync(join(out, 'wb-ssl-check.js'), constants('', false) + app);
writeFileSync(join(out, 'example.json'), JSON.stringify(example));
// WIDGET: no public-roots.bin next to it (the worker would fail the check that asks for it).
writeFileSync(join(out, 'wb-ssl-check-widget.js'), constants('const WIDGET = 1;\n', false) + app);
// The symptom catalog without its readers' fields (channel_hint, sources: data/symptoms keeps them):
// loaded by the worker the first time pasted text or a log needs it. The inline widget and the
// offline file carry it.
const symptoms = JSON.stringify(JSON.parse(read(root, 'data/symptoms/catalog.json')).map(({ channel_hint, sources, ...family }) => family));
writeFileSync(join(out, 'symptoms.json'), symptoms);
writeFileSync(join(out, 'wb-ssl-check-widget-inline.js'), constants(inlineWasm + `const SYMPTOM_CATALOG = ${symptoms};\n`) + app);
writeFileSync(join(out, 'wb_ssl_check_bg.wasm'), wasm);
const ruleDocs = read(pkg, 'rule-docs.json').trim();
writeFileSync(join(out, 'rule-docs.js'), `// Generated by scripts/build-web from the rules' doc comments. Do not edit.\nexport default ${ruleDocs};\n`);
writeFileSync(join(out, 'worker.js'), worker);
writeFileSync(join(out, 'worker-full.js'), workerFull);
writeFileSync(join(out, 'wb_ssl_check_full_bg.wasm'), wasmFull);
writeFileSync(join(out, 'chart-defaults.json'), chartDefaults);
for (const f of ['index.html', 'docs-example.html', 'favicon.svg']) copyFileSync(join(root, 'www', f), join(out, f));
const pageCss = minifyCss(read(root, 'www/page.css'));
writeFileSync(join(out, 'page.css'), pageCss);
copyFileSync(join(pkg, 'wb_ssl_check.d.ts'), join(out, 'wb_ssl_check.d.ts'));
// Loaded by the worker only when a chain needs Mozilla's roots: not part of the first load's budget.
copyFileSync(join(pkg, 'public-roots.bin'), join(out, 'public-roots.bin'));

// The offline file: one inline module script and one inline style, allowed by their hashes only.
const sha = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
if (/^\s*(export|import)\b|import\.meta/m.test(worker + workerFull)) throw new Error('the worker bundle has module syntax a classic worker cannot use');
// The offline file is for triage: it carries the full module (the Kubernetes reader, archives), and the chart's defaults.
const script = constants(inlineWasmFull + `const RULE_DOCS = ${ruleDocs};\n` + `const SYMPTOM_CATALOG = ${symptoms};\n` + `const CHART_DEFAULTS = ${chartDefaults};\n` + `const WORKER_SOURCE = ${JSON.stringify(workerFull)};\n`) + app;
const style = pageCss;
const csp = [
  "default-src 'none'",
  `script-src ${sha(script)} 'wasm-unsafe-eval'`,
  'worker-src blob:',
  `style-src ${sha(style)}`,
  "img-src 'none'",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
const offline = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>wb-ssl-check (offline)</title>
<style>${style}</style>
<script type="module">${script}</script>
</head>
<body>
<main>
<wb-ssl-check></wb-ssl-check>
</main>
</body>
</html>
`;
writeFileSync(join(out, setting('web', 'offline-file')), offline);

// Sizes, per file: what a browser transfers (gzip), and the page's total against the budget in
// wasm-pack.toml. The widget's files are listed apart: a documentation page loads the widget's script,
// the worker and the module (the same worker and module as the page), and the rest only when asked.
const budget = Number(setting('budget', 'gzip-kib')) * 1024;
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const sizes = (title, names) => {
  let raw = 0;
  let gz = 0;
  console.log(title);
  for (const f of names) {
    const bytes = readFileSync(join(out, f));
    const z = gzipSync(bytes, { level: 9 }).length;
    raw += bytes.length;
    gz += z;
    console.log(`  ${f.padEnd(30)} ${kib(z).padStart(10)} gzipped ${kib(bytes.length).padStart(11)} raw`);
  }
  return { raw, gz };
};
const page = sizes('dist/ sizes: the page (first load)', ['index.html', 'page.css', 'wb-ssl-check.js', 'worker.js', 'wb_ssl_check_bg.wasm']);
console.log(`  ${'page total'.padEnd(30)} ${kib(page.gz).padStart(10)} gzipped ${kib(page.raw).padStart(11)} raw (budget ${kib(budget)}: ${budget - page.gz} bytes left${testBuild ? '; the test build is not held to it' : ''})`);
const widget = sizes('the widget on a documentation page (first load)', ['wb-ssl-check-widget.js', 'worker.js', 'wb_ssl_check_bg.wasm']);
console.log(`  ${'widget total'.padEnd(30)} ${kib(widget.gz).padStart(10)} gzipped ${kib(widget.raw).padStart(11)} raw`);
const inline = sizes('the inline widget (for a CSP without connect-src)', ['wb-ssl-check-widget-inline.js', 'worker.js']);
console.log(`  ${'inline widget total'.padEnd(30)} ${kib(inline.gz).padStart(10)} gzipped ${kib(inline.raw).padStart(11)} raw`);
sizes('loaded only when asked', ['rule-docs.js', 'example.json', 'public-roots.bin', 'symptoms.json', 'worker-full.js', 'wb_ssl_check_full_bg.wasm', 'chart-defaults.json']);
sizes('the offline file', [setting('web', 'offline-file')]);
if (page.gz > budget && !testBuild) {
  console.error(`error: the page is over its gzip budget by ${page.gz - budget} bytes (wasm-pack.toml [budget] gzip-kib)`);
  process.exit(1);
}
