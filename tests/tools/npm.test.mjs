// The npm package (scripts/build-npm): its tarball installed into a scratch project, the API called in
// Node (`import { check } from 'wb-ssl-check'`), then the API and the widget (`wb-ssl-check/widget`)
// loaded from that install in Debian's Chromium, the specifiers resolved through the package's own
// `exports` map. Run by scripts/test after scripts/build-npm: node --test tests/tools/
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/static-server.mjs';

const root = new URL('../..', import.meta.url).pathname;
const tarball = readdirSync(join(root, 'target/npm')).find((f) => f.endsWith('.tgz'));
const project = mkdtempSync(join(tmpdir(), 'wb-npm-'));
const examples = (dir) => readdirSync(join(root, 'examples', dir)).filter((f) => !f.endsWith('.sh'));
let server;
let browser;

before(async () => {
  assert.ok(tarball, 'scripts/build-npm made the tarball');
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--offline', join(root, 'target/npm', tarball)], { cwd: project, stdio: 'pipe' });
  server = await serve(project, 0);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

test('in Node: the package opens archives and reads Helm values, as the CLI does', () => {
  // The full module: a .tar.gz of examples/correct, and a values file with the chart's defaults.
  const tgz = join(root, 'tests/fixtures/rules/limit-exceeded/silent-archive/rstudio.tgz');
  const values = join(root, 'tests/fixtures/kubernetes/cases/soleng-workshop-ha-ville/ha-ville.yaml');
  const script = `
    import { check } from 'wb-ssl-check';
    import { readFileSync } from 'node:fs';
    const now = Date.parse('2026-11-26T00:00:00Z');
    const one = (path, name) => ({ name, bytes: new Uint8Array(readFileSync(path)) });
    const archive = await check({ inputs: [one(${JSON.stringify(tgz)}, 'rstudio.tgz')], now });
    const helm = await check({ inputs: [one(${JSON.stringify(values)}, 'ha-ville.yaml')], now });
    console.log(JSON.stringify({ archive: archive.summary, kinds: archive.inputs.map((i) => i.kind), helm: helm.summary, rules: helm.findings.map((f) => f.rule) }));
  `;
  writeFileSync(join(project, 'node-full.mjs'), script);
  const out = JSON.parse(execFileSync('node', ['node-full.mjs'], { cwd: project, encoding: 'utf8' }));
  assert.deepEqual(out.kinds, ['archive', 'rserver-conf', 'launcher-conf']);
  const cli = (path) => JSON.parse(spawnSync(join(root, 'target/release/wb-ssl-check'), ['--format', 'json', '--now', '2026-11-26T00:00:00Z', path], { cwd: root, encoding: 'utf8' }).stdout);
  assert.deepEqual(out.archive, cli(tgz).summary);
  assert.deepEqual(out.helm, cli(values).summary);
  assert.ok(out.rules.includes('helm-lb-without-shared-storage'), `${out.rules}`);
});

test('in Node: import { check } from "wb-ssl-check" checks the broken example', () => {
  const script = `
    import { check, checkMarkdown, version } from 'wb-ssl-check';
    import { readFileSync } from 'node:fs';
    const inputs = ${JSON.stringify(examples('broken'))}.map((name) => ({ name, bytes: new Uint8Array(readFileSync(${JSON.stringify(join(root, 'examples/broken'))} + '/' + name)) }));
    const report = await check({ inputs, now: Date.parse('2026-11-26T00:00:00Z') });
    const md = await checkMarkdown({ inputs, now: Date.parse('2026-11-26T00:00:00Z') });
    console.log(JSON.stringify({ summary: report.summary, rules: report.findings.map((f) => f.rule), symptoms: report.symptoms, md: md.startsWith('## wb-ssl-check report') && md.includes('### Symptoms'), version: await version() }));
  `;
  writeFileSync(join(project, 'node-check.mjs'), script);
  const out = JSON.parse(execFileSync('node', ['node-check.mjs'], { cwd: project, encoding: 'utf8' }));
  // The same core as the CLI: the same counts for the same files at the same time.
  // (It exits 1: the example has errors.)
  const cliRun = spawnSync(join(root, 'target/release/wb-ssl-check'), ['--format', 'json', '--now', '2026-11-26T00:00:00Z', 'examples/broken'], { cwd: root, encoding: 'utf8' });
  assert.equal(cliRun.status, 1, cliRun.stderr);
  const cli = JSON.parse(cliRun.stdout);
  assert.deepEqual(out.summary, cli.summary);
  // The example's ticket.txt, read with the package's symptom catalog as the CLI reads it with its own.
  assert.equal(out.symptoms.length, 3);
  // (The CLI names the inputs by the paths it was given, the API by the names it was passed.)
  const named = (list) => list.map((s) => ({ ...s, input: s.input.split('/').pop() }));
  assert.deepEqual(named(out.symptoms), named(cli.symptoms));
  assert.ok(out.summary.errors > 0);
  assert.ok(out.rules.includes('launcher-address-has-scheme'));
  assert.equal(out.md, true);
  const cargoVersion = /^version = "(.*)"$/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1];
  assert.equal(out.version, cargoVersion);
  // The types ship with it.
  const manifest = JSON.parse(readFileSync(join(project, 'node_modules/wb-ssl-check/package.json'), 'utf8'));
  assert.match(readFileSync(join(project, 'node_modules/wb-ssl-check', manifest.types), 'utf8'), /export function check\(request: CheckRequest\): Promise<Report>;/);
});

test('in Chromium: the API and the widget load from the installed package', async () => {
  const manifest = JSON.parse(readFileSync(join(project, 'node_modules/wb-ssl-check/package.json'), 'utf8'));
  const at = (target) => `./node_modules/wb-ssl-check/${target.replace(/^\.\//, '')}`;
  const imports = { 'wb-ssl-check': at(manifest.exports['.'].default), 'wb-ssl-check/widget': at(manifest.exports['./widget']) };
  // The widget's module beside it, and the inline widget (for a CSP without connect-src) exported too.
  for (const f of ['wb_ssl_check_bg.wasm', 'worker.js', 'rule-docs.js', 'example.json', 'symptoms.json']) assert.ok(existsSync(join(project, 'node_modules/wb-ssl-check/widget', f)), f);
  assert.ok(existsSync(join(project, at(manifest.exports['./widget-inline']))));
  writeFileSync(
    join(project, 'index.html'),
    `<!doctype html><meta charset="utf-8"><title>scratch</title>
<script type="importmap">${JSON.stringify({ imports })}</script>
<script type="module">
  import { check } from 'wb-ssl-check';
  import 'wb-ssl-check/widget';
  const report = await check({ inputs: [{ name: 'rserver.conf', bytes: new TextEncoder().encode('ssl-enabled=1\\n') }], now: Date.now() });
  window.apiRules = report.findings.map((f) => f.rule);
</script>
<wb-ssl-check></wb-ssl-check>`,
  );
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${server.url}index.html`);
  await page.waitForFunction(() => Array.isArray(window.apiRules), null, { timeout: 30000 });
  assert.ok((await page.evaluate(() => window.apiRules)).includes('ssl-cert-missing'));
  await page.waitForSelector('wb-ssl-check[data-ready]', { timeout: 30000 });
  await page.locator('wb-ssl-check >> #load-example').click();
  await page.waitForFunction(() => document.querySelector('wb-ssl-check').shadowRoot.querySelectorAll('[data-rule]').length > 0, null, { timeout: 30000 });
  const rules = await page.evaluate(() => [...document.querySelector('wb-ssl-check').shadowRoot.querySelectorAll('[data-rule]')].map((e) => e.dataset.rule));
  assert.ok(rules.includes('launcher-address-has-scheme'), rules.join(' '));
  assert.deepEqual(errors, []);
});
