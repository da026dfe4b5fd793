// Check speed in headless Chromium, in the same page: wb-ssl-check's full check of (a) a typical
// Workbench input set (two configs, two chains, two keys) and (b) the Debian CA bundle, against
// @peculiar/x509 (what a web developer would pick instead) parsing the same bundle. Our times include
// the WebCrypto calls that verify every signature the check asks about, and its rounds.
//   scripts/build-web && node bench/browser.mjs [iterations]
import { mkdtempSync, readFileSync, writeFileSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/static-server.mjs';

const root = new URL('..', import.meta.url).pathname;
const iterations = Number(process.argv[2] || 15);
const dir = mkdtempSync(join(tmpdir(), 'wb-bench-'));
copyFileSync(join(root, 'target/pkg/wb_ssl_check.js'), join(dir, 'glue.js'));
copyFileSync(join(root, 'dist/wb_ssl_check_bg.wasm'), join(dir, 'module.wasm'));
copyFileSync(join(root, 'node_modules/@peculiar/x509/build/x509.js'), join(dir, 'x509.js'));
// @peculiar/x509's dependency injection (tsyringe) needs the Reflect metadata polyfill.
copyFileSync(join(root, 'node_modules/reflect-metadata/Reflect.js'), join(dir, 'reflect.js'));
const bundle = readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8');
const typical = {};
for (const f of ['rserver.conf', 'launcher.conf', 'workbench.crt', 'workbench.key', 'launcher.crt', 'launcher.key']) {
  typical[f] = readFileSync(join(root, 'examples/correct', f), 'utf8');
}
typical['workbench.crt'] += readFileSync(join(root, 'examples/correct/example-root-ca.crt'), 'utf8');
writeFileSync(join(dir, 'data.js'), `export const BUNDLE = ${JSON.stringify(bundle)};\nexport const TYPICAL = ${JSON.stringify(typical)};\n`);
writeFileSync(join(dir, 'index.html'), `<!doctype html><meta charset="utf-8"><script src="reflect.js"></script><script src="x509.js"></script><script type="module">
import init, { check } from './glue.js';
import { BUNDLE, TYPICAL } from './data.js';
const ITER = ${iterations};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const enc = new TextEncoder();
const time = async (fn) => { const ts = []; await fn(); for (let i = 0; i < ITER; i++) { const t = performance.now(); await fn(); ts.push(performance.now() - t); } return median(ts); };
await init({ module_or_path: await (await fetch('module.wasm')).arrayBuffer() });
// The check resolves once WebCrypto has answered every signature it asks about: those calls are timed.
const run = (files) => {
  const names = Object.keys(files);
  return check({ inputs: names.map((n) => ({ name: n, bytes: enc.encode(files[n]) })), now: Date.now() });
};
const blocks = BUNDLE.match(/-----BEGIN CERTIFICATE-----[\\s\\S]+?-----END CERTIFICATE-----/g);
const ours = await run({ 'ca-certificates.crt': BUNDLE });
const result = {
  certificates: blocks.length,
  oursCertificates: ours.certificates.length,
  notChecked: ours.not_checked.filter((n) => n.includes('no answer')),
  typicalMs: await time(() => run(TYPICAL)),
  bundleMs: await time(() => run({ 'ca-certificates.crt': BUNDLE })),
  peculiarMs: await time(() => { for (const b of blocks) { const c = new x509.X509Certificate(b); void c.subject; } }),
};
window.__result = result;
</script>`);
const server = await serve(dir, 0);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const page = await browser.newPage();
page.on('pageerror', (e) => console.error('page error:', e.message));
await page.goto(server.url);
const r = await page.waitForFunction(() => window.__result, null, { timeout: 120000 }).then((h) => h.jsonValue());
await browser.close();
await server.close();
rmSync(dir, { recursive: true, force: true });
console.log(`Chromium, median of ${iterations} runs, same page:`);
console.log(`  wb-ssl-check full check, typical input set (2 configs, 2 chains, 2 keys): ${r.typicalMs.toFixed(2)} ms`);
console.log(`  wb-ssl-check full check, Debian CA bundle (${r.oursCertificates}/${r.certificates} certificates): ${r.bundleMs.toFixed(2)} ms`);
console.log(`  @peculiar/x509 parse of the same bundle: ${r.peculiarMs.toFixed(2)} ms`);
console.log(`  ratio (ours / peculiar): ${(r.bundleMs / r.peculiarMs).toFixed(2)} (goal: at most 0.30)`);
if (r.notChecked.length) console.log(`  unanswered: ${r.notChecked.join('; ')}`);
