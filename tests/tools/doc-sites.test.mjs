// The widget in documentation sites built by real generators (scripts/build-doc-sites: MkDocs with
// mkdocs-material, and Sphinx), served and driven in Debian's Chromium: the element sits between the
// page's paragraphs, runs the example deployment, and the page makes no request but its own files.
// Run by scripts/test: node --test tests/tools/
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/static-server.mjs';

const root = new URL('../..', import.meta.url).pathname;
let server;
let browser;

before(async () => {
  server = await serve(join(root, 'target/doc-sites'), 0);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

for (const site of ['mkdocs', 'sphinx']) {
  test(`${site}: the widget between two paragraphs runs the example`, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const requests = [];
    const errors = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.url}${site}/index.html`);
    await page.waitForSelector('wb-ssl-check[data-ready]', { timeout: 30000 });
    // Where the author put it: after the paragraph that introduces it, before the one that follows.
    const around = await page.evaluate(() => {
      const el = document.querySelector('wb-ssl-check');
      const text = (node) => node?.textContent || '';
      let before = el.previousElementSibling || el.parentElement.previousElementSibling;
      let after = el.nextElementSibling || el.parentElement.nextElementSibling;
      return [text(before), text(after)];
    });
    assert.match(around[0], /never uploaded/);
    assert.match(around[1], /rstudio-server restart/);
    await page.locator('wb-ssl-check >> #load-example').click();
    await page.waitForFunction(() => document.querySelector('wb-ssl-check').shadowRoot.querySelectorAll('[data-rule]').length > 0, null, { timeout: 30000 });
    const rules = await page.evaluate(() => [...document.querySelector('wb-ssl-check').shadowRoot.querySelectorAll('[data-rule]')].map((e) => e.dataset.rule));
    assert.ok(rules.includes('launcher-address-has-scheme'), rules.join(' '));
    // A finding opens with its documentation (rule-docs.js, a static asset next to the widget).
    await page.locator('wb-ssl-check >> [data-rule="launcher-address-has-scheme"] summary').first().click();
    const docs = page.locator('wb-ssl-check >> [data-rule="launcher-address-has-scheme"] .docs-title').first();
    await docs.waitFor({ timeout: 10000 });
    assert.equal(await docs.textContent(), 'About launcher-address-has-scheme');
    assert.ok(requests.some((u) => u.includes('/wb-ssl-check/rule-docs.js')), 'rule-docs.js came from next to the widget');
    assert.ok(requests.some((u) => u.includes('/wb-ssl-check/wb_ssl_check_bg.wasm')), 'and its module');
    assert.deepEqual(errors, []);
    assert.deepEqual(requests.filter((u) => !u.startsWith(server.url) && !u.startsWith('blob:') && !u.startsWith('data:')), []);
    await page.screenshot({ path: join(root, `tests/output/doc-site-${site}.png`), fullPage: true });
    await page.close();
  });
}
