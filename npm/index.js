// wb-ssl-check as a JavaScript API, for Node (18 or newer) and browsers: the same WebAssembly core as
// the page and the CLI. The module is compiled once, on the first call; nothing is fetched but this
// package's own files, and nothing you check leaves the process or the page.
import init, { initSync, check as checkNow, checkMarkdown as markdownNow, metadata as metadataNow, version as versionNow } from './wb_ssl_check.js';

const here = (file) => new URL(file, import.meta.url);
const inNode = typeof process === 'object' && typeof process.versions === 'object' && !!process.versions.node;
let ready;

async function bytesOf(file) {
  if (inNode) {
    const { readFile } = await import('node:fs/promises');
    return new Uint8Array(await readFile(here(file)));
  }
  const response = await fetch(here(file));
  if (!response.ok) throw new Error(`wb-ssl-check: ${file}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Compiles the module (once). Every other function awaits it; call it to control when it happens. */
export function load() {
  ready ??= inNode ? bytesOf('wb_ssl_check_bg.wasm').then((module) => initSync({ module })) : init({ module_or_path: here('wb_ssl_check_bg.wasm') });
  return ready.then(() => undefined);
}

let catalog;
/** The symptom catalog (symptoms.json), read once: the known error messages in pasted text and logs. */
export function symptomCatalog() {
  catalog ??= bytesOf('symptoms.json').then((bytes) => JSON.parse(new TextDecoder().decode(bytes)));
  return catalog;
}

let chart;
/** The `rstudio-workbench` Helm chart's defaults by version (chart-defaults.json), read once: what a
 * values file is merged over. */
export function chartDefaults() {
  chart ??= bytesOf('chart-defaults.json').then((bytes) => JSON.parse(new TextDecoder().decode(bytes)));
  return chart;
}

// Text inputs are read for known error messages, and Helm values over the chart's defaults, as the
// CLI reads them, unless the request brings its own.
async function withCatalog(request) {
  if (!request || typeof request != 'object') return request;
  const added = {};
  if (request.symptomCatalog === undefined) added.symptomCatalog = await symptomCatalog();
  if (request.chartDefaults === undefined) added.chartDefaults = await chartDefaults();
  return { ...request, ...added };
}

/** Checks the inputs and returns the report (the same as the CLI's `--format json`). */
export async function check(request) {
  await load();
  return checkNow(await withCatalog(request));
}

/** The same check, as Markdown for a support ticket. */
export async function checkMarkdown(request) {
  await load();
  return markdownNow(await withCatalog(request));
}

/** The words for the report's ids (channel titles, status words, role and input-kind labels). */
export async function metadata() {
  await load();
  return metadataNow();
}

/** The version of the checker. */
export async function version() {
  await load();
  return versionNow();
}

/** Mozilla's root program (public-roots.bin), for `request.publicRoots`: pass it when browsers' trust
 * in a public CA should count (channel a). */
export function publicRoots() {
  return bytesOf('public-roots.bin');
}
