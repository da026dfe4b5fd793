// Page benchmark: transfer sizes of the page (raw and gzipped), and in Debian's Chromium the time from
// navigation to "ready" and to the first result on the bundled example (median of several runs).
//   scripts/build-web && node bench/page.mjs [runs]
//
// Times are read in the page (performance.now(), whose origin is the navigation's start), so they are
// the page's own: not the round trips of the harness, and not the file server, which runs in its own
// process (in this one, it would answer only when Playwright's event loop lets it). The harness waits
// with plain evaluations: Playwright's selector engine, injected into the page, takes the main thread
// for tens of milliseconds. The wall-clock time from `goto` is printed too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';

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

// The same server as `scripts/serve`, in a process of its own.
const server = spawn(process.execPath, [join(root, 'scripts/static-server.mjs'), dist, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  server.stdout.on('data', (d) => {
    const m = /http:\/\/\S+/.exec(String(d));
    if (m) resolve(m[0]);
  });
  server.on('exit', (code) => reject(new Error(`the file server stopped (${code})`)));
});
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const ready = [];
const first = [];
const wall = [];
const drawn = [];
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'commit' });
  // "Ready" means the checker can answer: the worker has its module and answers a first call.
  // "Drawn": the first frame in which the tool's own interface is on screen.
  const [readyAt, drawnAt] = await page.evaluate(async () => {
    const drawn = new Promise((resolve) => {
      const look = (t) => (document.querySelector('wb-ssl-check')?.shadowRoot?.querySelector('.app') ? resolve(t) : requestAnimationFrame(look));
      requestAnimationFrame(look);
    });
    await customElements.whenDefined('wb-ssl-check');
    await document.querySelector('wb-ssl-check').checker.call('version');
    return [performance.now(), await drawn];
  });
  ready.push(readyAt);
  drawn.push(drawnAt);
  wall.push(Date.now() - t0);
  first.push(
    await page.evaluate(async () => {
      const root = document.querySelector('wb-ssl-check').shadowRoot;
      while (!root.querySelector('#load-example')) await new Promise((r) => setTimeout(r, 5));
      root.querySelector('#load-example').click();
      while (!root.querySelector('#banner')) await new Promise((r) => setTimeout(r, 5));
      return performance.now();
    }),
  );
  await context.close();
}
await browser.close();
server.kill();
const median = (xs) => Math.round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]);
const all = (xs) => xs.map(Math.round).join(', ');
console.log(`\nChromium, ${runs} runs (median, in the page): navigation → ready ${median(ready)} ms; → first result on the example ${median(first)} ms`);
console.log(`  navigation → the tool drawn: median ${median(drawn)} ms`);
console.log(`  all runs: ready [${all(ready)}] ms; first result [${all(first)}] ms`);
console.log(`  wall clock from goto to ready, harness included: median ${median(wall)} ms`);
