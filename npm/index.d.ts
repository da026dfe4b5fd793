// The JavaScript API of wb-ssl-check (index.js). The report's types are those of the WebAssembly core.
import type { CheckRequest, Metadata, Report, SymptomFamily } from './wasm.js';
export type * from './wasm.js';

/** Compiles the module (once); the other functions await it. */
export function load(): Promise<void>;
/** Checks the inputs and returns the report (the same as the CLI's `--format json`). Text inputs (a ticket
 * excerpt, a log) are read with the package's symptom catalog unless `request.symptomCatalog` is given,
 * Helm values with the package's chart defaults unless `request.chartDefaults` is; archives (`.tar.gz`,
 * `.zip`) are opened and their files checked one by one. */
export function check(request: CheckRequest): Promise<Report>;
/** The same check, as Markdown for a support ticket. */
export function checkMarkdown(request: CheckRequest): Promise<string>;
/** The words for the report's ids. */
export function metadata(): Promise<Metadata>;
/** The version of the checker. */
export function version(): Promise<string>;
/** Mozilla's root program, for `request.publicRoots`. */
export function publicRoots(): Promise<Uint8Array>;
/** The symptom catalog (symptoms.json), for `request.symptomCatalog`. */
export function symptomCatalog(): Promise<SymptomFamily[]>;
/** The Helm chart's defaults by version (chart-defaults.json), for `request.chartDefaults`. */
export function chartDefaults(): Promise<Record<string, string>>;
