// What the end-to-end tests share (a helper module, not a test file: `node --test tests/e2e/` runs
// only *.test.mjs): Chromium's flags, opening the page with its requests, errors and CSP violations
// recorded, and waiting for a check's results.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('../..', import.meta.url).pathname;
export const output = join(root, 'tests/output');
mkdirSync(output, { recursive: true });
export const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** A page of `from` (a static server) with every request and every CSP violation recorded. */
export async function openPage(browser, path, { from, colorScheme = 'light', width = 1200, url, context: given } = {}) {
  const context = given || (await browser.newContext({ viewport: { width, height: 900 }, colorScheme, acceptDownloads: true }));
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: from.url });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  const violations = [];
  const errors = [];
  await page.exposeFunction('__cspViolation', (v) => violations.push(v));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => window.__cspViolation(`${e.violatedDirective} ${e.blockedURI}`)));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url || from.url + path);
  await page.waitForSelector('wb-ssl-check[data-ready]', { timeout: 20000 });
  return { context, page, requests, violations, errors };
}

export async function waitForResults(page) {
  // data-ready is removed while a check runs and set again when it is done.
  await page.waitForFunction(() => {
    const el = document.querySelector('wb-ssl-check');
    return el.hasAttribute('data-ready') && el.shadowRoot.querySelector('#banner');
  }, null, { timeout: 30000 });
}

export const shadow = (page, selector) => page.locator(`wb-ssl-check >> ${selector}`);

/** Words that only a rendering bug writes ("null", "undefined", "NaN"), anywhere in the element's text
 * as it stands, the folded parts included. */
export async function strayWords(page) {
  return page.evaluate(() => {
    const text = document.querySelector('wb-ssl-check').shadowRoot.textContent;
    return [...text.matchAll(/.{0,40}\b(null|undefined|NaN)\b.{0,40}/g)].map((m) => m[0]);
  });
}
