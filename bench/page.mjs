// Page benchmark: transfer sizes of the page (raw and gzipped), and in Debian's Chromium the time from
// navigation to "ready" and to the first result on the bundled example (median of several runs).
//   scripts/build-web && node bench/page.mjs [runs]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/static-server.mjs';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const runs = Number(process.argv[2] || 7);
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;

console.log('transfer sizes (dist/)');
let raw = 0;
let gz = 0;
for (const f of ['index.html', 'page.css', 'wb-ssl-check.js', 'worker.js', 'wb_ssl_check_bg.wasm']) {
  const bytes = readFileSync(join(dist, f));
  const z = gzipSync(bytes, { level: 9 }).length;
  raw += bytes.length;
  gz += z;
  console.log(`  ${f.padEnd(24)} ${kib(bytes.length).padStart(11)} raw ${kib(z).padStart(11)} gzip`);
}
console.log(`  ${'page total'.padEnd(24)} ${kib(raw).padStart(11)} raw ${kib(gz).padStart(11)} gzip`);
for (const f of ['wb-ssl-check-widget.js', 'wb-ssl-check-widget-inline.js', 'wb-ssl-check-offline.html']) {
  const bytes = readFileSync(join(dist, f));
  console.log(`  ${f.padEnd(24)} ${kib(bytes.length).padStart(11)} raw ${kib(gzipSync(bytes, { level: 9 }).length).padStart(11)} gzip`);
}

const server = await serve(dist, 0);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const ready = [];
const first = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(server.url);
  await page.waitForSelector('wb-ssl-check[data-ready]');
  // "Ready" means the checker can answer: the worker has compiled the module.
  await page.evaluate(() => document.querySelector('wb-ssl-check').checker.call('version'));
  ready.push(Date.now() - t0);
  await page.locator('wb-ssl-check >> #load-example').click();
  await page.waitForFunction(() => document.querySelector('wb-ssl-check').shadowRoot.querySelector('#banner'));
  first.push(Date.now() - t0);
  await context.close();
}
await browser.close();
await server.close();
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`\nChromium, ${runs} runs (median): navigation → ready ${median(ready)} ms; → first result on the example ${median(first)} ms`);
console.log(`  all runs: ready [${ready.join(', ')}] ms; first result [${first.join(', ')}] ms`);
