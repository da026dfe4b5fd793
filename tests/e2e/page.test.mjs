// End-to-end tests of the page, the widget and the offline file in Debian's Chromium (never a
// downloaded browser), driven by playwright-core. Run by scripts/test after scripts/build-web:
//   node --test tests/e2e/
// Screenshots of the main states go to tests/output/.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/static-server.mjs';
import { ARGS, openPage, output, root, shadow, strayWords, waitForResults } from './browser.mjs';

const dist = join(root, 'dist');
// The test build (WB_TEST_BUILD=1 scripts/build-web): the same site with test-only worker operations.
const distTest = join(root, 'target/dist-test');

let browser;
let server;
let testServer;

before(async () => {
  server = await serve(dist, 0);
  testServer = await serve(distTest, 0);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await testServer?.close();
});

/** A page of the site (of the test build with `from: testServer`), every request and CSP violation recorded. */
const open = (path, options = {}) => openPage(browser, path, { from: server, ...options });

const files = (dir) => readdirSync(join(root, dir)).filter((f) => !f.endsWith('.sh')).map((f) => ({ name: f, mimeType: 'application/octet-stream', buffer: readFileSync(join(root, dir, f)) }));
const statusOf = (page, ch) => shadow(page, `svg g[data-channel="${ch}"]`).getAttribute('data-status');
const rulesOnPage = (page) => page.evaluate(() => [...document.querySelector('wb-ssl-check').shadowRoot.querySelectorAll('[data-rule]')].map((e) => `${e.dataset.severity}:${e.dataset.rule}`));

/** axe-core's serious and critical violations on the page as it is now. axe is injected into a
 * context that bypasses the page's CSP (the shipped page allows no inline script). */
const AXE = readFileSync(join(root, 'node_modules/axe-core/axe.min.js'), 'utf8');
async function seriousA11yViolations(page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(' | ')}`);
  });
}

describe('accessibility (axe-core: no serious or critical violation)', () => {
  for (const colorScheme of ['light', 'dark']) {
    for (const width of [1366, 390]) {
      test(`empty, broken and correct example, ${colorScheme}, ${width} px wide`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme, bypassCSP: true });
        const page = await context.newPage();
        await page.goto(server.url);
        await page.waitForSelector('wb-ssl-check[data-ready]', { timeout: 20000 });
        await shadow(page, '.channels-intro li').first().waitFor();
        assert.deepEqual(await seriousA11yViolations(page), [], 'empty page');
        await shadow(page, '#load-example').click();
        await waitForResults(page);
        await shadow(page, '[data-rule] summary').first().click();
        assert.deepEqual(await seriousA11yViolations(page), [], 'broken example');
        await shadow(page, '#file-input').setInputFiles(files('examples/correct'));
        await page.waitForFunction(() => document.querySelector('wb-ssl-check').shadowRoot.querySelectorAll('.cert').length >= 3, null, { timeout: 30000 });
        await waitForResults(page);
        assert.deepEqual(await seriousA11yViolations(page), [], 'correct example');
        await context.close();
      });
    }
  }
});

describe('the page', () => {
  test('the broken example shows its findings and broken channels through the DOM contract', async () => {
    const { context, page, requests, violations, errors } = await open('');
    assert.match(await shadow(page, '#promise').textContent(), /Your files never leave this browser/);
    // Before any input, the page explains the three channels: what connects to what, the settings that
    // must agree, and the files that check each one (the words come from the core).
    await shadow(page, '.channels-intro li[data-intro-channel="c"]').waitFor();
    const intro = await shadow(page, '#intro').textContent();
    for (const words of ['Browser ⇄ Workbench', 'Workbench ⇄ Job Launcher', 'launcher-sessions-callback-address', 'To check it, give: rserver.conf, launcher.conf']) assert.ok(intro.includes(words), words);
    await page.screenshot({ path: join(output, 'empty.png'), fullPage: true });
    await shadow(page, '#load-example').click();
    await waitForResults(page);
    assert.ok(await shadow(page, '#intro').isHidden(), 'the explanation gives way to the results');
    // Results first, led by the plan: at 1366×768 the banner, the first step and the diagram need no
    // scrolling.
    await page.setViewportSize({ width: 1366, height: 768 });
    for (const sel of ['#banner', '[data-step="1"]', 'svg.diagram']) {
      const box = await shadow(page, sel).first().boundingBox();
      assert.ok(box && box.y + Math.min(box.height, 40) <= 768, `${sel} is below the fold (y=${box && box.y})`);
    }
    await page.setViewportSize({ width: 1200, height: 900 });
    // The example, with its inputs folded and then open: no stray "null", "undefined" or "NaN".
    assert.deepEqual(await strayWords(page), []);
    await shadow(page, '#inputs-summary').click();
    assert.deepEqual(await strayWords(page), []);
    await shadow(page, '#inputs-summary').click();
    const rules = await rulesOnPage(page);
    for (const r of ['error:cert-key-mismatch', 'error:launcher-port-mismatch', 'error:callback-scheme-mismatch', 'warning:deprecated-tls-protocol']) assert.ok(rules.includes(r), `${r} in ${rules}`);
    for (const ch of ['a', 'b', 'c']) assert.equal(await statusOf(page, ch), 'broken');
    assert.equal(await shadow(page, '#banner').getAttribute('data-errors'), '8');
    // Words for people, named by the core: plurals, labels instead of ids, dates relative to today.
    const banner = await shadow(page, '#banner').textContent();
    assert.match(banner, /8 errors will break Workbench/);
    assert.doesNotMatch(banner, /\(s\)/);
    // The kind's label, not its id, and once ("launcher.conf with 11 settings", not "launcher.conf · launcher.conf ...").
    assert.match(await shadow(page, 'tr[data-input="launcher.conf"] td[data-kind]').textContent(), /^launcher\.conf with \d+ settings/);
    assert.match(await shadow(page, 'tr[data-input="workbench.crt"] select option[value=""]').textContent(), /^Automatic: Workbench certificate$/);
    assert.match(await shadow(page, '.cert dd[title]').first().textContent(), /^(expires|expired) /);
    assert.match(await shadow(page, 'svg g[data-channel="b"]').getAttribute('aria-label'), /^\(b\) broken https:\/\/localhost:5559: channel Workbench ⇄ Job Launcher\. Show details\.$/);
    // Findings are grouped by channel, most severe first.
    const groupA = await page.evaluate(() => [...document.querySelector('wb-ssl-check').shadowRoot.querySelectorAll('[data-group="a"] [data-rule]')].map((e) => e.dataset.severity));
    assert.deepEqual(groupA, [...groupA].sort((x, y) => ['error', 'warning', 'info'].indexOf(x) - ['error', 'warning', 'info'].indexOf(y)));
    // A finding opens into its rule documentation and its line.
    await shadow(page, '[data-rule="launcher-port-mismatch"] summary').click();
    await shadow(page, '[data-rule="launcher-port-mismatch"] .docs h5').first().waitFor();
    assert.match(await shadow(page, '[data-rule="launcher-port-mismatch"] .docs').textContent(), /How to fix/);
    await shadow(page, '[data-rule="launcher-port-mismatch"] button.link').click();
    assert.match(await shadow(page, '[data-rule="launcher-port-mismatch"] .lines .hit').textContent(), /launcher-port=5559/);
    // Clicking a channel shows its explanation and settings.
    await shadow(page, 'svg g[data-channel="b"] .wire-label').click();
    assert.match(await shadow(page, '.channel-card[data-channel="b"]').textContent(), /launcher-port/);
    await page.screenshot({ path: join(output, 'broken-example.png'), fullPage: true });
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    assert.ok(requests.every((u) => u.startsWith(server.url)), `requests outside the page's own files: ${requests.filter((u) => !u.startsWith(server.url))}`);
    await context.close();
  });

  test('the plan leads: the banner names the first step, each step says what it resolves and waits for, and shows its findings', async () => {
    const { context, page, errors } = await open('');
    await shadow(page, '#load-example').click();
    await waitForResults(page);
    const visible = () => page.evaluate(() => [...document.querySelector('wb-ssl-check').shadowRoot.querySelectorAll('.finding')].filter((f) => !f.hidden).map((f) => f.dataset.rule).sort());
    // A step filters the findings on its details' toggle event, which the browser fires after the
    // click returns: wait for the set (or the timeout, and then compare what is shown).
    const shown = async (want) => {
      await page.waitForFunction((w) => JSON.stringify([...document.querySelector('wb-ssl-check').shadowRoot.querySelectorAll('.finding')].filter((f) => !f.hidden).map((f) => f.dataset.rule).sort()) === JSON.stringify(w), want, { timeout: 5000 }).catch(() => {});
      return visible();
    };
    const resolves = async (sel) => (await shadow(page, sel).getAttribute('data-resolves')).split(' ').sort();
    const all = await visible();
    // Step 1 is the key that does not match its certificate: rserver cannot start with it.
    assert.ok((await resolves('[data-step="1"]')).includes('cert-key-mismatch'));
    const first = await shadow(page, '#banner #first-step').textContent();
    assert.match(first, /^First: /);
    // What it clears and unblocks, then, as a sentence of its own, that the services wait for it.
    assert.match(first, / — clears 1 error, unblocks Browser ⇄ Workbench\. Until it is done, Workbench or the Launcher cannot start\.$/);
    // The example's certificate comes from a private root: a step tells the users' machines (and the
    // session hosts) to trust it, and none asks for an intermediate that does not exist.
    const trust = shadow(page, '[data-step][data-resolves~="browser-trust-needed"] summary');
    assert.match(await trust.textContent(), /users' machines.*Example Corp Root CA/s);
    assert.equal(await shadow(page, '[data-resolves~="chain-incomplete"]').count(), 0);
    // The action's quoted commands are code, in the banner as in the step.
    assert.ok((await shadow(page, '#first-step code').count()) > 0);
    assert.ok((await shadow(page, '[data-step="1"] summary code').count()) > 0);
    await shadow(page, '#banner').screenshot({ path: join(output, 'plan-banner.png') });
    // The steps are in order, numbered as the core numbers them.
    const numbers = await shadow(page, '[data-step]').evaluateAll((ls) => ls.map((l) => `${l.dataset.step}=${l.value}`));
    assert.ok(numbers.length >= 5, numbers.join(' '));
    assert.deepEqual(numbers, numbers.map((_, i) => `${i + 1}=${i + 1}`));
    // One value for the callback resolves the four callback findings.
    const callbackRules = ['callback-cert-hostname-mismatch', 'callback-localhost-remote-sessions', 'callback-port-mismatch', 'callback-scheme-mismatch'];
    const callback = shadow(page, '[data-step][data-resolves~="callback-scheme-mismatch"]');
    assert.equal(await callback.count(), 1);
    assert.deepEqual(await resolves('[data-step][data-resolves~="callback-scheme-mismatch"]'), callbackRules);
    assert.match(await callback.locator('summary').textContent(), /clears 3 errors, 1 warning · unblocks Session → Workbench \(callback\)/);
    // Turning verification back on waits for the Launcher's certificate: "after step N", and why.
    const launcherCert = await shadow(page, '[data-step][data-resolves~="launcher-cert-hostname-mismatch"]').getAttribute('data-step');
    const waiting = shadow(page, '[data-step][data-resolves~="launcher-verify-disabled"]');
    assert.match(await waiting.locator('summary').textContent(), new RegExp(`after step ${launcherCert}$`));
    assert.ok(Number(await waiting.getAttribute('data-step')) > Number(launcherCert));
    // Its finding offers no edit while it waits.
    assert.equal(await shadow(page, '.finding[data-rule="launcher-verify-disabled"]').getAttribute('data-fix'), null);
    // Opening a step shows its findings alone, and says so.
    await callback.locator('summary').click();
    assert.deepEqual(await shown(callbackRules), callbackRules);
    const step = await callback.getAttribute('data-step');
    assert.equal(await shadow(page, '#filter-note').textContent(), `Showing the findings of step ${step}`);
    assert.ok(await shadow(page, '.group[data-group="b"]').isHidden());
    await waiting.locator('summary').click();
    assert.deepEqual(await shown(['launcher-verify-disabled']), ['launcher-verify-disabled']);
    assert.match(await waiting.locator('.waits').textContent(), new RegExp(`^Waits for step ${launcherCert}: `));
    // "Show its findings" brings them into view.
    await callback.locator('button').click();
    assert.deepEqual(await visible(), callbackRules);
    const box = await shadow(page, '.finding[data-rule="callback-scheme-mismatch"]').boundingBox();
    assert.ok(box && box.y > 0 && box.y < 900, `the step's findings are in view (y=${box && box.y})`);
    // Each finding names its step.
    assert.match(await shadow(page, '.finding[data-rule="callback-port-mismatch"] .body').textContent(), new RegExp(`Resolved by step ${step} of the plan`));
    // A channel clicked in the diagram shows its findings alone (the step's filter goes), announced,
    // and the hint to select one goes.
    assert.equal(await shadow(page, '.diagram-wrap figcaption').count(), 1);
    await shadow(page, 'svg g[data-channel="b"] .wire-label').click();
    const channelB = await visible();
    const expectedB = await page.evaluate(() => [...document.querySelector('wb-ssl-check').shadowRoot.querySelectorAll('.finding[data-channel="b"]')].map((f) => f.dataset.rule).sort());
    assert.ok(expectedB.length > 1 && expectedB.length < all.length);
    assert.deepEqual(channelB, expectedB);
    assert.equal(await shadow(page, '#filter-note').textContent(), 'Showing channel b: Workbench ⇄ Job Launcher');
    assert.equal(await shadow(page, '.chip[data-kind="channel"][data-value="b"]').getAttribute('aria-pressed'), 'true');
    assert.equal(await shadow(page, '.diagram-wrap figcaption').count(), 0);
    assert.match(await shadow(page, '.channel-card').getAttribute('data-channel'), /^b$/);
    await shadow(page, '.chip.all').click();
    assert.deepEqual(await visible(), all);
    assert.equal(await shadow(page, '#filter-note').textContent(), '');
    // No CLI option and no channel id for people on the page.
    const text = await page.evaluate(() => document.querySelector('wb-ssl-check').shadowRoot.textContent);
    for (const words of ['CLI:', '--trusted-ca', '--hostname', 'Channel: -', 'trust unknown']) assert.ok(!text.includes(words), words);
    await page.screenshot({ path: join(output, 'plan.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('applied fixes change the files in this browser only, and download as changed files', async () => {
    const { context, page } = await open('');
    await shadow(page, '#load-example').click();
    await waitForResults(page);
    assert.equal(await shadow(page, '#changed-note').count(), 0);
    await shadow(page, '#apply-fixes').click();
    await shadow(page, '#changed-note').waitFor();
    await waitForResults(page);
    const note = await shadow(page, '#changed-note').textContent();
    assert.match(note, /^Changed in this browser only: rserver\.conf\. Download the files to change your server\./);
    assert.match(await shadow(page, 'tr[data-input="rserver.conf"] td.name').textContent(), /changed in this browser only/);
    assert.doesNotMatch(await shadow(page, 'tr[data-input="launcher.conf"] td.name').textContent(), /changed/);
    // The safe fix is in the changed file; the one that needs review is not.
    const [download] = await Promise.all([page.waitForEvent('download'), shadow(page, '#download-changed').click()]);
    assert.equal(download.suggestedFilename(), 'rserver.conf');
    const conf = readFileSync(await download.path(), 'utf8');
    assert.match(conf, /^launcher-address=localhost$/m);
    assert.match(conf, /^launcher-port=5559$/m);
    assert.ok(!(await rulesOnPage(page)).includes('error:launcher-address-has-scheme'));
    await context.close();
  });

  test('a load-balanced cluster: channel d in the diagram, and each node on its card', async () => {
    const { context, page, errors } = await open('');
    // A dropped folder whose subfolders hold each node's /etc/rstudio (examples/cluster).
    await shadow(page, '#dir-input').setInputFiles(join(root, 'examples/cluster'));
    await waitForResults(page);
    // node2's certificate does not name node2.example.org, its www-host-name.
    assert.equal(await statusOf(page, 'd'), 'broken');
    const rules = await rulesOnPage(page);
    for (const r of ['error:lb-node-cert-name', 'error:lb-secure-cookie-key-differs', 'error:lb-database-sqlite', 'warning:lb-config-differs']) {
      assert.ok(rules.includes(r), `${r} in ${rules}`);
    }
    await shadow(page, 'svg g[data-channel="d"] .wire-label').click();
    const card = shadow(page, 'article.channel-card[data-channel="d"]');
    await card.waitFor();
    const nodes = await card.locator('li[data-node]').evaluateAll((ls) => ls.map((l) => `${l.dataset.node}:${l.dataset.status}`));
    assert.deepEqual(nodes, ['node1:trust-unknown', 'node2:broken']);
    // Channel a's card lists both nodes too, each at its own address behind the balancer.
    await shadow(page, 'svg g[data-channel="a"] .wire-label').click();
    const a = await shadow(page, 'article.channel-card[data-channel="a"] li[data-node]').evaluateAll((ls) => ls.map((l) => l.textContent));
    assert.equal(a.length, 2);
    assert.match(a[1], /node2.*https:\/\/node2\.example\.org:443|node2.*https:\/\/node2\.example\.org/);
    await page.screenshot({ path: join(output, 'cluster.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the host name field says what the name changed, and the inputs stay open', async () => {
    const { context, page } = await open('');
    await shadow(page, '#file-input').setInputFiles(files('examples/correct'));
    await waitForResults(page);
    await shadow(page, '#inputs-summary').click();
    await shadow(page, '#hostname').fill('elsewhere.example.net');
    await shadow(page, '#hostname').press('Enter');
    await shadow(page, '#host-note').filter({ hasText: 'Checked again' }).waitFor();
    await waitForResults(page);
    // The certificate does not name that host: channel a breaks, and the note says so.
    assert.equal(await statusOf(page, 'a'), 'broken');
    assert.equal(await shadow(page, '#host-note').textContent(), 'Checked again for elsewhere.example.net: channel a now broken (was CA not given yet).');
    assert.notEqual(await shadow(page, '#inputs-fold').getAttribute('open'), null, 'the inputs stay open');
    await shadow(page, '#hostname').fill('workbench.example.org');
    await shadow(page, '#hostname').press('Enter');
    await shadow(page, '#host-note').filter({ hasText: 'workbench.example.org' }).waitFor();
    assert.equal(await shadow(page, '#host-note').textContent(), 'Checked again for workbench.example.org: channel a now CA not given yet (was broken).');
    await context.close();
  });

  test('a role changed in the file table keeps the table open, in place, and explains the CA roles', async () => {
    const { context, page } = await open('', { width: 1200 });
    await page.setViewportSize({ width: 1200, height: 500 });
    await shadow(page, '#file-input').setInputFiles(files('examples/correct'));
    await waitForResults(page);
    // The people's word for a chain nobody was told to trust; the id stays.
    assert.equal(await statusOf(page, 'a'), 'trust-unknown');
    assert.match(await shadow(page, 'svg g[data-channel="a"] .wire-label').textContent(), /^\(a\) CA not given yet/);
    await shadow(page, '#inputs-summary').click();
    const select = shadow(page, 'select[data-file="example-root-ca.crt"]');
    assert.equal(await select.locator('option[value=""]').textContent(), 'Automatic: CA certificates (only carried in chains)');
    assert.match(await select.locator('option[value="trusted-ca"]').textContent(), /^Trusted CA \(your machines trust it: the anchor\)$/);
    assert.match(await shadow(page, '#role-words').textContent(), /Trusted CA: your machines trust this CA; use it as the anchor\. CA certificates: only carried in chains/);
    // The role menu 200 px from the top of the window, in use.
    await page.evaluate(() => {
      const menu = document.querySelector('wb-ssl-check').shadowRoot.querySelector('select[data-file="example-root-ca.crt"]');
      window.scrollTo(0, menu.getBoundingClientRect().top + window.scrollY - 200);
    });
    const y = await page.evaluate(() => window.scrollY);
    assert.ok(y > 0, 'the page scrolls');
    await select.focus();
    await select.selectOption('trusted-ca');
    await page.waitForFunction(() => document.querySelector('wb-ssl-check').shadowRoot.querySelector('svg g[data-channel="a"]')?.dataset.status === 'verified', null, { timeout: 20000 });
    await waitForResults(page);
    assert.notEqual(await shadow(page, '#inputs-fold').getAttribute('open'), null, 'the inputs stay open');
    assert.equal(await page.evaluate(() => window.scrollY), y, 'the page did not scroll');
    assert.equal(await page.evaluate(() => document.querySelector('wb-ssl-check').shadowRoot.activeElement?.dataset.file), 'example-root-ca.crt', 'the role menu keeps the focus');
    // The finding that asked for the CA on session hosts is gone; the reminder stays, as a note.
    assert.ok(!(await rulesOnPage(page)).includes('info:callback-trust-needed'));
    assert.match(await shadow(page, '#trusted-note').textContent(), /You marked example-root-ca\.crt as trusted here: .*every session host or image must trust it too/);
    await context.close();
  });

  test('a rule of no channel says so in words in its documentation', async () => {
    const { context, page } = await open('');
    // An nginx file: not one of Workbench's (prose would be read as ticket text, with no finding).
    await shadow(page, '#file-input').setInputFiles([{ name: 'nginx.conf', mimeType: 'text/plain', buffer: Buffer.from('server {\n listen 443 ssl;\n}\n') }]);
    await waitForResults(page);
    const finding = shadow(page, '.finding[data-channel="-"]').first();
    await finding.locator('summary').click();
    await finding.locator('.docs h5').first().waitFor();
    const docs = await finding.locator('.docs').textContent();
    assert.match(docs, /Channel: not tied to one channel/);
    assert.doesNotMatch(docs, /Channel: -/);
    assert.ok(!readFileSync(join(dist, 'rule-docs.js'), 'utf8').includes('Channel: -'));
    await context.close();
  });

  test('a correct deployment dropped as files is trust-unknown until its CA is marked trusted, then verified', async () => {
    const { context, page, violations, requests } = await open('', { colorScheme: 'dark' });
    await shadow(page, '#file-input').setInputFiles(files('examples/correct'));
    await waitForResults(page);
    // Its root CA is private: neither browsers nor session hosts are known to trust it yet.
    for (const ch of ['a', 'b', 'c']) assert.equal(await statusOf(page, ch), 'trust-unknown');
    assert.equal(await shadow(page, '#banner').getAttribute('data-verified'), 'false');
    // Channel a was trust-unknown, so the worker loaded Mozilla's roots (which do not know this CA).
    assert.ok(requests.some((u) => u.endsWith('/public-roots.bin')), 'the roots are loaded when a chain needs them');
    // Results come first: the inputs are folded into one line, which opens them.
    assert.equal(await shadow(page, '#inputs-fold').getAttribute('open'), null);
    assert.match(await shadow(page, '#inputs-summary').textContent(), /^\d+ files · /);
    await shadow(page, '#inputs-summary').click();
    await shadow(page, 'select[data-file="example-root-ca.crt"]').selectOption('trusted-ca');
    await page.waitForFunction(() => document.querySelector('wb-ssl-check').shadowRoot.querySelector('svg g[data-channel="a"]')?.dataset.status === 'verified', null, { timeout: 20000 });
    for (const ch of ['a', 'b', 'c']) assert.equal(await statusOf(page, ch), 'verified');
    assert.equal(await shadow(page, '#banner').getAttribute('data-verified'), 'true');
    assert.match(await shadow(page, '#banner').textContent(), /All three channels verified/);
    assert.deepEqual(await rulesOnPage(page), []);
    assert.ok((await shadow(page, '.cert').count()) >= 3);
    await page.screenshot({ path: join(output, 'correct-example-dark.png'), fullPage: true });
    assert.deepEqual(violations, []);
    await context.close();
  });

  test('the counts in the sticky banner filter the findings by severity and by channel', async () => {
    const { context, page } = await open('');
    await shadow(page, '#load-example').click();
    await waitForResults(page);
    const visible = () => page.evaluate(() => [...document.querySelector('wb-ssl-check').shadowRoot.querySelectorAll('.finding')].filter((f) => !f.hidden).map((f) => `${f.dataset.severity}:${f.dataset.channel}`));
    const all = await visible();
    const errors = all.filter((f) => f.startsWith('error:')).length;
    assert.ok(errors > 0 && errors < all.length, `the example has errors and other findings: ${all}`);
    const chip = shadow(page, '.chip[data-kind="severity"][data-value="error"]');
    assert.equal(await chip.textContent(), `${errors} errors`);
    await chip.click();
    assert.equal(await chip.getAttribute('aria-pressed'), 'true');
    assert.ok((await visible()).every((f) => f.startsWith('error:')) && (await visible()).length === errors);
    // Severity and channel combine; the channel groups left empty are hidden with their headings.
    await shadow(page, '.chip[data-kind="channel"][data-value="b"]').click();
    const both = await visible();
    assert.deepEqual(both, all.filter((f) => f === 'error:b'));
    assert.ok(await shadow(page, '.group[data-group="a"]').isHidden());
    // Clicking a pressed chip releases it; "All" releases everything.
    await chip.click();
    assert.deepEqual(await visible(), all.filter((f) => f.endsWith(':b')));
    await shadow(page, '.chip.all').click();
    assert.deepEqual(await visible(), all);
    // The banner with its counts stays in view while the findings scroll.
    await page.setViewportSize({ width: 1366, height: 768 });
    await shadow(page, '.export').scrollIntoViewIfNeeded();
    const box = await shadow(page, '#banner').boundingBox();
    assert.ok(box && box.y >= -1 && box.y < 20, `the banner sticks to the top (y=${box && box.y})`);
    await context.close();
  });

  test('served certificates are drawn as chains, leaf to anchor, and the same certificate twice is one card', async () => {
    const { context, page } = await open('');
    // The root CA is given twice: on its own and appended to the Launcher's certificate file.
    const correct = files('examples/correct');
    const rootCa = correct.find((f) => f.name === 'example-root-ca.crt').buffer;
    const launcher = correct.find((f) => f.name === 'launcher.crt');
    launcher.buffer = Buffer.concat([launcher.buffer, rootCa]);
    await shadow(page, '#file-input').setInputFiles(correct);
    await waitForResults(page);
    const chain = shadow(page, '.chain[data-file="workbench.crt"]');
    assert.deepEqual(await chain.locator('.chain-link').evaluateAll((ls) => ls.map((l) => l.dataset.position)), ['leaf', 'root']);
    // Every link passes its signature, dates and CA checks.
    assert.deepEqual(await chain.locator('.chain-link .check').evaluateAll((cs) => [...new Set(cs.map((c) => c.dataset.result))]), ['pass']);
    // Its clients: browsers (a) and sessions (c); the anchor is not trusted yet.
    assert.deepEqual(await chain.locator('.chain-clients > li').evaluateAll((ls) => ls.map((l) => `${l.dataset.channel}:${l.dataset.trust}`)), ['a:to-be-given', 'c:to-be-given']);
    // The root shows once among the cards, with both places.
    const rootCards = await page.evaluate(() => [...document.querySelector('wb-ssl-check').shadowRoot.querySelectorAll('.cert')].filter((c) => c.querySelector('h4').textContent === 'Example Corp Root CA').map((c) => c.dataset.places));
    assert.deepEqual([...new Set(rootCards)], ['2']);
    assert.ok(await chain.locator('.cards-fold .cert').first().isHidden(), 'the cards fold under their chain');
    // Marked trusted, the anchor is given as trusted and each client verifies.
    await shadow(page, '#inputs-summary').click();
    await shadow(page, 'select[data-file="example-root-ca.crt"]').selectOption('trusted-ca');
    await page.waitForFunction(() => document.querySelector('wb-ssl-check').shadowRoot.querySelector('.chain[data-file="workbench.crt"] .chain-clients li')?.dataset.trust === 'trusted', null, { timeout: 20000 });
    assert.deepEqual(await chain.locator('.chain-clients > li').evaluateAll((ls) => ls.map((l) => l.dataset.status)), ['verified', 'verified']);
    await context.close();
  });

  test('pasted s_client output joins its channel: the served chain, and what the client makes of it', async () => {
    const { context, page, violations } = await open('');
    const fixture = (dir, f, name = f) => ({ name, mimeType: 'text/plain', buffer: readFileSync(join(root, dir, f)) });
    await shadow(page, '#file-input').setInputFiles([
      fixture('tests/fixtures/served/deployment', 'rserver.conf'),
      fixture('tests/fixtures/served/deployment', 'launcher.conf'),
      fixture('tests/fixtures/pki', 'wb-fullchain.pem'),
      fixture('tests/fixtures/pki', 'launcher-fullchain.pem'),
      fixture('tests/fixtures/served/captures', 's_client-wrong-name.txt'),
    ]);
    await waitForResults(page);
    await shadow(page, '#inputs-summary').click();
    assert.equal(await shadow(page, 'td[data-kind="s-client-output"]').count(), 1);
    // The Detected column names the kind once.
    const detectedLauncher = await shadow(page, 'td[data-kind="launcher-conf"]').textContent();
    assert.match(detectedLauncher, /^launcher\.conf/);
    assert.doesNotMatch(detectedLauncher, /launcher\.conf · launcher\.conf/);
    // A certificate's key and its signature algorithm are two rows, each under its own name.
    const keyRows = await page.evaluate(() => [...document.querySelector('wb-ssl-check').shadowRoot.querySelectorAll('dt')].filter((d) => d.textContent === 'Key').map((d) => d.nextElementSibling.textContent));
    assert.ok(keyRows.length > 0);
    for (const k of keyRows) assert.doesNotMatch(k, /With|sha\d|ecdsa/i, k);
    // The Launcher's certificate (localhost) was served where wb.example.org is dialled.
    const rules = await rulesOnPage(page);
    assert.ok(rules.includes('error:served-chain-rejected'), rules.join(' '));
    assert.ok(rules.includes('warning:served-cert-differs'), rules.join(' '));
    assert.equal(await statusOf(page, 'a'), 'broken');
    await shadow(page, 'svg g[data-channel="a"] .wire-label').click();
    const served = shadow(page, '.channel-card[data-channel="a"] .served-item');
    assert.equal(await served.getAttribute('data-served'), 'tls');
    assert.equal(await served.getAttribute('data-status'), 'broken');
    const text = await served.textContent();
    assert.match(text, /wb\.example\.org:18443/);
    assert.match(text, /not the configured file’s certificate/);
    assert.equal(await shadow(page, '.channel-card[data-channel="a"] .served-chain li').count(), 2);
    // No state of the page writes "null", "undefined" or "NaN" (the file table is open here).
    assert.deepEqual(await strayWords(page), []);
    await page.screenshot({ path: join(output, 'served.png'), fullPage: true });
    assert.deepEqual(violations, []);
    await context.close();
  });

  test('with no safe fix, "Apply the safe fixes" waits for the fixes that need review', async () => {
    const { context, page } = await open('');
    const dir = 'tests/fixtures/rules/callback-verify-disabled/fire';
    await shadow(page, '#file-input').setInputFiles([{ name: 'rserver.conf', mimeType: 'text/plain', buffer: readFileSync(join(root, dir, 'rserver.conf')) }]);
    await waitForResults(page);
    const text = await shadow(page, '.fix-actions p').first().textContent();
    assert.match(text, /none with a safe fix/);
    assert.doesNotMatch(text, /\b0 with/);
    assert.equal(await shadow(page, '#apply-fixes').isDisabled(), true);
    await shadow(page, '#fix-review').check();
    assert.equal(await shadow(page, '#apply-fixes').isDisabled(), false);
    assert.equal(await shadow(page, '#apply-fixes').textContent(), 'Apply all the fixes');
    assert.deepEqual(await strayWords(page), []);
    await context.close();
  });

  test('files with nothing checkable in them get no success verdict', async () => {
    const { context, page } = await open('');
    const fixture = (f) => ({ name: f, mimeType: 'text/plain', buffer: readFileSync(join(root, 'tests/fixtures/nothing-checkable', f)) });
    await shadow(page, '#file-input').setInputFiles([fixture('shopping-list.txt'), fixture('values.yaml')]);
    await waitForResults(page);
    const banner = shadow(page, '#banner');
    assert.match(await banner.getAttribute('class'), /\bnone\b/);
    assert.equal(await banner.getAttribute('data-verified'), 'false');
    assert.equal(await shadow(page, '#banner .verdict').textContent(), 'Nothing here could be checked');
    assert.match(await shadow(page, '#banner .verdict-detail').textContent(), /Give rserver\.conf and launcher\.conf/);
    const heading = await shadow(page, '#plan-title').textContent();
    assert.doesNotMatch(heading, /Nothing to do/);
    assert.doesNotMatch(await banner.textContent(), /No problems found/);
    await shadow(page, '#inputs-summary').click();
    assert.deepEqual(await strayWords(page), []);
    await context.close();
  });

  test('a Helm values file loads the Kubernetes reader and is checked with the chart defaults', async () => {
    // tests/fixtures/kubernetes/cases/soleng-workshop-ha-ville: 2 replicas without shared storage, an
    // Ingress without TLS (its CASE.md judges them by hand).
    const { context, page } = await open('');
    const dir = join(root, 'tests/fixtures/kubernetes/cases/soleng-workshop-ha-ville');
    const fixture = (f) => ({ name: f, mimeType: 'text/plain', buffer: readFileSync(join(dir, f)) });
    const asked = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname.split('/').pop()));
    await shadow(page, '#file-input').setInputFiles([fixture('ha-ville.yaml'), fixture('command.txt')]);
    await waitForResults(page);
    // The second module and the chart's defaults, loaded only now.
    assert.ok(asked.includes('wb_ssl_check_full_bg.wasm') && asked.includes('chart-defaults.json'), `${asked}`);
    await shadow(page, '.finding[data-rule="helm-lb-without-shared-storage"]').waitFor();
    await shadow(page, '.finding[data-rule="helm-ingress-no-tls"]').waitFor();
    const banner = await shadow(page, '#banner').textContent();
    assert.doesNotMatch(banner, /Nothing here could be checked/);
    await shadow(page, '#inputs-summary').click();
    const inputs = await shadow(page, '#file-list').textContent();
    assert.match(inputs, /Helm values/);
    assert.match(inputs, /helm command/);
    // The diagram draws the Kubernetes path: the Ingress and the Service in front of the two pods,
    // and the callback through the Service.
    const figure = await shadow(page, '.overview figure.diagram-wrap').textContent();
    assert.match(figure, /pods ×2/);
    assert.match(figure, /Ingress → Service/);
    assert.match(figure, /On Kubernetes, browsers reach 2 Workbench pods through Ingress ha-ville-rstudio-workbench \(my-name-ha-rsw\.training\.soleng\.rstudioservices\.com\), no TLS, then the Service ha-ville-rstudio-workbench:80\./);
    assert.match(figure, /Sessions call back through the Service \(http:\/\/ha-ville-rstudio-workbench\.[^)]*:80\), not through the route\./);
    // The chart's defaults were there: no note that they were missing.
    assert.doesNotMatch(await shadow(page, '#results').textContent(), /chart's defaults were not available/);
    assert.deepEqual(await strayWords(page), []);
    await context.close();
  });

  test('a team-operator Site loads the Kubernetes reader and draws what the operator makes of it', async () => {
    // tests/fixtures/kubernetes/cases/team-operator-prod-multi-ide: 3 replicas (its CASE.md judges
    // the operator-version warning by hand).
    const { context, page } = await open('');
    const dir = join(root, 'tests/fixtures/kubernetes/cases/team-operator-prod-multi-ide');
    const asked = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname.split('/').pop()));
    await shadow(page, '#file-input').setInputFiles([{ name: 'site-production.yaml', mimeType: 'text/plain', buffer: readFileSync(join(dir, 'site-production.yaml')) }]);
    await waitForResults(page);
    assert.ok(asked.includes('wb_ssl_check_full_bg.wasm'), `${asked}`);
    await shadow(page, '.finding[data-rule="operator-lb-pod-names"]').waitFor();
    await shadow(page, '#inputs-summary').click();
    const inputs = await shadow(page, '#file-list').textContent();
    assert.match(inputs, /team-operator resource/);
    // The files the operator writes, under the Site they were made from.
    assert.match(inputs, /↳ \/mnt\/config\/rstudio\/rserver\.confrserver\.conf with 9 settings/);
    const figure = await shadow(page, '.overview figure.diagram-wrap').textContent();
    assert.match(figure, /pods ×3/);
    assert.match(figure, /On Kubernetes, browsers reach 3 Workbench pods through Ingress production-workbench \(workbench\.posit\.example\.com\), TLS by Traefik or a cloud load balancer in front of it/);
    assert.match(figure, /Sessions call back through the Service \(http:\/\/production-workbench\.posit-team\.svc\.cluster\.local:80\)/);
    assert.deepEqual(await strayWords(page), []);
    await context.close();
  });

  test('an archive loads the full module and its files are checked one by one', async () => {
    // rstudio.tgz holds examples/correct's rserver.conf and launcher.conf under rstudio/.
    const { context, page } = await open('');
    const asked = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname.split('/').pop()));
    const tgz = readFileSync(join(root, 'tests/fixtures/rules/limit-exceeded/silent-archive/rstudio.tgz'));
    await shadow(page, '#file-input').setInputFiles([{ name: 'rstudio.tgz', mimeType: 'application/gzip', buffer: tgz }]);
    await waitForResults(page);
    assert.ok(asked.includes('wb_ssl_check_full_bg.wasm'), `${asked}`);
    const banner = await shadow(page, '#banner').textContent();
    assert.doesNotMatch(banner, /Nothing here could be checked/);
    await shadow(page, '#inputs-summary').click();
    const inputs = await shadow(page, '#file-list').textContent();
    assert.match(inputs, /a \.tar\.gz archive of \d+ bytes: 2 files read from it/);
    // Its members, under it, each with what it was found to be.
    const members = await shadow(page, 'tr.made').allTextContents();
    assert.equal(members.length, 2);
    assert.match(members[0], /rstudio\/rserver\.conf.*rserver\.conf with 10 settings/);
    assert.match(members[1], /rstudio\/launcher\.conf.*launcher\.conf with 9 settings/);
    // The channels come from the archive's rserver.conf and launcher.conf.
    assert.doesNotMatch(await shadow(page, '#results').textContent(), /rserver\.conf was not provided/);
    assert.deepEqual(await strayWords(page), []);
    await context.close();
  });

  test('a finding with a fix shows its edit, and the fixes apply in place or download as files', async () => {
    const { context, page } = await open('');
    await shadow(page, '#load-example').click();
    await waitForResults(page);
    const finding = shadow(page, '.finding[data-rule="launcher-address-has-scheme"]');
    assert.equal(await finding.getAttribute('data-fix'), 'safe');
    await finding.locator('summary').click();
    const diff = finding.locator('pre.diff');
    await diff.waitFor();
    assert.equal(await diff.locator('.del').textContent(), '   8 − launcher-address=https://localhost:5559');
    assert.match(await diff.locator('.add').first().textContent(), /\+ launcher-address=localhost$/);
    // A fix that needs review says so.
    assert.equal(await shadow(page, '.finding[data-rule="launcher-port-mismatch"]').getAttribute('data-fix'), 'needs-review');
    // Downloading with the fixes that need review: the fixed rserver.conf, never a key.
    await shadow(page, '#fix-review').check();
    const downloads = [];
    page.on('download', (d) => downloads.push(d));
    await shadow(page, '#download-fixed').click();
    await shadow(page, '#fix-note').filter({ hasText: 'Downloaded' }).waitFor();
    await page.waitForTimeout(300);
    const names = downloads.map((d) => d.suggestedFilename()).sort();
    assert.ok(names.includes('rserver.conf') && names.every((n) => n.endsWith('.conf')), `${names}`);
    const conf = readFileSync(await downloads.find((d) => d.suggestedFilename() === 'rserver.conf').path(), 'utf8');
    assert.match(conf, /^launcher-port=5558$/m);
    assert.match(conf, /^launcher-address=localhost$/m);
    // Applying the safe fixes only changes the inputs and checks again: the fixed finding is gone.
    await shadow(page, '#fix-review').uncheck();
    const before = await rulesOnPage(page);
    await shadow(page, '#apply-fixes').click();
    await page.waitForFunction(() => !document.querySelector('wb-ssl-check').shadowRoot.querySelector('.finding[data-rule="launcher-address-has-scheme"]'), null, { timeout: 20000 });
    await waitForResults(page);
    const after = await rulesOnPage(page);
    assert.ok(after.includes('error:cert-key-mismatch') && after.includes('error:launcher-port-mismatch'), `${after}`);
    assert.ok(after.length < before.length, `${before} → ${after}`);
    await context.close();
  });

  test('printing gives the results without the inputs, their content or the export buttons', async () => {
    const { context, page } = await open('');
    await shadow(page, '#load-example').click();
    await waitForResults(page);
    await page.emulateMedia({ media: 'print' });
    for (const sel of ['#inputs-fold', '.export']) assert.ok(await shadow(page, sel).isHidden(), `${sel} is not printed`);
    for (const sel of ['#banner', 'svg.diagram', '[data-rule]']) assert.ok(await shadow(page, sel).first().isVisible(), `${sel} is printed`);
    // Every finding is printed open, with its fix; the fold is restored afterwards.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    assert.ok(await shadow(page, '.finding .fix').last().isVisible(), 'the fix of the last finding is printed');
    // No control is printed, and every fold is open: the plan's steps and the symptoms' meanings too.
    for (const sel of ['button', 'input', 'select']) assert.equal(await shadow(page, `#results ${sel}`).evaluateAll((es) => es.filter((e) => e.offsetParent !== null).length), 0, `no ${sel} printed`);
    assert.equal(await shadow(page, '#results details:not([open])').count(), 0, 'every fold printed open');
    await page.screenshot({ path: join(output, 'print.png'), fullPage: true });
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    assert.equal(await shadow(page, 'details.finding[open]').count(), 0);
    await context.close();
  });

  test('a role changed by hand is used by the check', async () => {
    const { context, page } = await open('');
    const conf = 'ssl-enabled=1\nssl-certificate=/etc/rstudio/ssl/workbench.crt\nssl-certificate-key=/etc/rstudio/ssl/workbench.key\n';
    await shadow(page, '#file-input').setInputFiles([
      { name: 'rserver.conf', mimeType: 'text/plain', buffer: Buffer.from(conf) },
      { name: 'server.pem', mimeType: 'text/plain', buffer: readFileSync(join(root, 'examples/correct/workbench.crt')) },
    ]);
    await waitForResults(page);
    assert.equal(await statusOf(page, 'a'), 'unknown', 'the certificate is not linked yet');
    await shadow(page, '#inputs-summary').click();
    await shadow(page, 'select[data-file="server.pem"]').selectOption('rserver-certificate');
    await page.waitForFunction(() => document.querySelector('wb-ssl-check').shadowRoot.querySelector('svg g[data-channel="a"]')?.dataset.status === 'trust-unknown', null, { timeout: 20000 });
    await context.close();
  });

  test('copy and download hold the report and no key material', async () => {
    const { context, page } = await open('');
    await shadow(page, '#load-example').click();
    await waitForResults(page);
    await shadow(page, '#copy-report').click();
    await shadow(page, '#export-note').filter({ hasText: 'copied' }).waitFor();
    const markdown = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(markdown, /## wb-ssl-check report/);
    assert.match(markdown, /cert-key-mismatch/);
    const [download] = await Promise.all([page.waitForEvent('download'), shadow(page, '#download-json').click()]);
    const json = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.equal(json.schema, 1);
    assert.equal(json.summary.errors, 8);
    const key = readFileSync(join(root, 'examples/broken/workbench.key'), 'utf8');
    const secretLines = key.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));
    assert.ok(secretLines.length > 0);
    for (const text of [markdown, JSON.stringify(json), await page.content(), await page.evaluate(() => document.querySelector('wb-ssl-check').shadowRoot.innerHTML)]) {
      assert.ok(!/PRIVATE KEY/.test(text), 'no PEM key label in outputs or DOM');
      for (const l of secretLines) assert.ok(!text.includes(l), 'no key material in outputs or DOM');
    }
    await context.close();
  });

  test('HTML in a config value and in a certificate subject renders as text and runs nothing', async () => {
    const { context, page, violations } = await open('');
    const conf = 'ssl-enabled=1\nssl-certificate=/x/xss.crt\nssl-certificate-key=/x/k.key\nwww-same-site=<img src=x onerror=window.__xss=3>\nlauncher-sessions-callback-address=<script>window.__xss=4</script>\n';
    await shadow(page, '#file-input').setInputFiles([
      { name: 'rserver.conf', mimeType: 'text/plain', buffer: Buffer.from(conf) },
      { name: 'xss.crt', mimeType: 'text/plain', buffer: readFileSync(join(root, 'tests/fixtures/pki/xss.crt')) },
      { name: '<img src=x onerror=window.__xss=5>.pem', mimeType: 'text/plain', buffer: Buffer.from('hello') },
    ]);
    await waitForResults(page);
    assert.equal(await page.evaluate(() => window.__xss), undefined);
    const injected = await page.evaluate(() => {
      const r = document.querySelector('wb-ssl-check').shadowRoot;
      return r.querySelectorAll('img, script').length;
    });
    assert.equal(injected, 0);
    assert.match(await shadow(page, '.cert h4').first().textContent(), /<script>window.__xss=2<\/script>/);
    assert.match(await shadow(page, '[data-rule="invalid-value"] .msg').textContent(), /<img src=x onerror=window.__xss=3>/);
    assert.deepEqual(violations, []);
    await context.close();
  });

  test('ten megabytes of garbage leave the page responsive', async () => {
    const { context, page } = await open('');
    const garbage = Buffer.alloc(10 * 1024 * 1024);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 2654435761) >>> 24;
    await shadow(page, '#file-input').setInputFiles([{ name: 'garbage.bin', mimeType: 'application/octet-stream', buffer: garbage }]);
    // While the worker checks, the main thread keeps answering.
    const t0 = Date.now();
    await page.evaluate(() => 1 + 1);
    assert.ok(Date.now() - t0 < 2000, 'the main thread answered');
    await waitForResults(page);
    assert.deepEqual(await rulesOnPage(page), ['info:file-unrecognized']);
    await context.close();
  });

  test('a 100 MB file is read by the worker, never by the page: the main thread does not stall', async () => {
    const big = join(output, 'big-input.conf');
    writeFileSync(big, Buffer.alloc(100 * 1024 * 1024, 0x61));
    const { context, page } = await open('');
    await page.evaluate(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => window.__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: false });
    });
    await shadow(page, '#file-input').setInputFiles(big);
    await waitForResults(page);
    assert.ok((await rulesOnPage(page)).includes('warning:input-too-large'), 'the worker read the first 16 MiB and reported the size');
    const longest = Math.max(0, ...(await page.evaluate(() => window.__longTasks)));
    assert.ok(longest < 250, `the main thread was blocked for ${longest} ms`);
    rmSync(big);
    await context.close();
  });

  test('the shipped page has no test-only operations', async () => {
    const { context, page } = await open('');
    const message = await page.evaluate(() => document.querySelector('wb-ssl-check').checker.call('panic').then(() => 'no error', (e) => e.message));
    assert.match(message, /unknown operation panic/);
    assert.ok(!readFileSync(join(dist, 'worker.js'), 'utf8').includes('panicForTests'));
    await context.close();
  });

  test('a panic in the core becomes an error message and the next check works', async () => {
    const { context, page, requests } = await open('', { from: testServer });
    const message = await page.evaluate(() => document.querySelector('wb-ssl-check').checker.call('panic').then(() => 'no error', (e) => e.message));
    assert.match(message, /unreachable|RuntimeError|panic/i);
    await shadow(page, '#load-example').click();
    await waitForResults(page);
    assert.ok((await rulesOnPage(page)).length > 5);
    // The replacement worker got the module the first one compiled: it was downloaded once.
    assert.equal(requests.filter((u) => u.endsWith('/wb_ssl_check_bg.wasm')).length, 1, requests.join('\n'));
    await context.close();
  });

  test('without its module, the page says the checker could not start, and a later check tries again', async () => {
    // The site as a host that forgot wb_ssl_check_bg.wasm; the file comes back before the second check.
    const site = mkdtempSync(join(tmpdir(), 'wb-no-module-'));
    cpSync(dist, site, { recursive: true });
    rmSync(join(site, 'wb_ssl_check_bg.wasm'));
    const broken = await serve(site, 0);
    const { context, page, errors } = await open('', { from: broken });
    const status = () => shadow(page, '#status').textContent();
    await page.waitForFunction(() => /could not start/.test(document.querySelector('wb-ssl-check').shadowRoot.querySelector('#status').textContent));
    assert.match(await status(), /^The checker could not start: cannot load \S+wb_ssl_check_bg\.wasm: 404\.$/);
    await shadow(page, '#load-example').click();
    await page.waitForFunction(() => /check failed/.test(document.querySelector('wb-ssl-check').shadowRoot.querySelector('#status').textContent));
    assert.match(await status(), /could not start: cannot load \S+: 404/);
    cpSync(join(dist, 'wb_ssl_check_bg.wasm'), join(site, 'wb_ssl_check_bg.wasm'));
    await shadow(page, '#load-example').click();
    await waitForResults(page);
    assert.ok((await rulesOnPage(page)).includes('error:cert-key-mismatch'));
    assert.deepEqual(errors, []);
    await context.close();
    await broken.close();
    rmSync(site, { recursive: true });
  });

  test('after the worker is replaced, the results on screen still copy as a report', async () => {
    const { context, page, errors } = await open('', { from: testServer });
    await shadow(page, '#load-example').click();
    await waitForResults(page);
    const message = await page.evaluate(() => document.querySelector('wb-ssl-check').checker.call('panic').then(() => 'no error', (e) => e.message));
    assert.match(message, /unreachable|RuntimeError|panic/i);
    await shadow(page, '#copy-report').click();
    await page.waitForFunction(() => document.querySelector('wb-ssl-check').shadowRoot.querySelector('#export-note').textContent.length > 0, null, { timeout: 20000 });
    const note = await page.evaluate(() => document.querySelector('wb-ssl-check').shadowRoot.querySelector('#export-note').textContent);
    assert.match(note, /Report copied/);
    const markdown = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(markdown, /cert-key-mismatch/);
    // A finding opened after the restart still shows its lines of the config.
    await shadow(page, '[data-rule="launcher-port-mismatch"] summary').click();
    await shadow(page, '[data-rule="launcher-port-mismatch"] button.link').click();
    assert.match(await shadow(page, '[data-rule="launcher-port-mismatch"] .lines .hit').textContent(), /launcher-port=5559/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a stuck check times out, the worker is replaced and the page stays usable', async () => {
    const { context, page } = await open('', { from: testServer });
    const message = await page.evaluate(() => {
      const el = document.querySelector('wb-ssl-check');
      el.checker.timeoutMs = 1500;
      return el.checker.call('hang').then(() => 'no error', (e) => e.message);
    });
    assert.match(message, /took more than 1.5 s and was stopped/);
    await shadow(page, '#load-example').click();
    await waitForResults(page);
    assert.ok((await rulesOnPage(page)).includes('error:cert-key-mismatch'));
    await context.close();
  });

  test('keyboard: the example loads and a channel opens without a mouse; narrow screens work', async () => {
    const { context, page } = await open('', { width: 390 });
    await shadow(page, '#load-example').focus();
    await page.keyboard.press('Enter');
    await waitForResults(page);
    await shadow(page, 'svg g[data-channel="c"]').focus();
    await page.keyboard.press('Enter');
    await shadow(page, '.channel-card[data-channel="c"]').waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no horizontal scrolling on a narrow screen (${overflow}px)`);
    await page.screenshot({ path: join(output, 'narrow-screen.png'), fullPage: false });
    await context.close();
  });

  test('at 390 px the diagram stands upright and its words are as large as the body text', async () => {
    /** Each word of the diagram as drawn: its font size times the SVG's scale, and its box. */
    const measure = (page, selector) =>
      page.evaluate((selector) => {
        const root = document.querySelector('wb-ssl-check').shadowRoot;
        const svg = root.querySelector(selector);
        const box = svg.getBoundingClientRect();
        const scale = box.width / svg.viewBox.baseVal.width;
        const body = parseFloat(getComputedStyle(root.querySelector('.intro p, .channel-card p')).fontSize);
        const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim()).map((t) => {
          const r = t.getBoundingClientRect();
          return { text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
        });
        return { body, narrow: svg.classList.contains('narrow'), svg: { left: box.left, right: box.right, top: box.top, bottom: box.bottom }, texts };
      }, selector);
    const check = (m, where) => {
      assert.ok(m.narrow, `${where}: the upright diagram`);
      assert.ok(m.body >= 14, `${where}: body text ${m.body}px`);
      for (const t of m.texts) {
        assert.ok(t.px >= m.body - 0.01, `${where}: "${t.text}" is ${t.px.toFixed(2)}px, body text ${m.body}px`);
        assert.ok(t.left >= m.svg.left - 1 && t.right <= m.svg.right + 1 && t.top >= m.svg.top - 1 && t.bottom <= m.svg.bottom + 1, `${where}: "${t.text}" inside the diagram`);
      }
      // No word over another.
      for (const [i, a] of m.texts.entries()) for (const b of m.texts.slice(i + 1)) assert.ok(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top, `${where}: "${a.text}" overlaps "${b.text}"`);
    };
    for (const path of ['', 'docs-example.html']) {
      const { context, page, violations, errors } = await open(path, { width: 390 });
      await shadow(page, '.channels-intro li').first().waitFor();
      check(await measure(page, '#intro svg.diagram'), `${path || 'page'}, empty`);
      await shadow(page, '#load-example').click();
      await waitForResults(page);
      check(await measure(page, '.overview svg.diagram'), `${path || 'page'}, broken example`);
      // The DOM contract at this width: each channel is a button that opens its card (tapped on its words).
      for (const ch of ['a', 'b', 'c']) {
        assert.match(await statusOf(page, ch), /^[a-z-]+$/);
        await shadow(page, `svg g[data-channel="${ch}"] .wire-label`).click();
        await shadow(page, `.channel-card[data-channel="${ch}"]`).waitFor();
      }
      const shot = path ? 'diagram-390-docs.png' : 'diagram-390.png';
      await shadow(page, '.overview .diagram-wrap').screenshot({ path: join(output, shot) });
      // Widened, it stays upright in its column beside the plan (too narrow to draw it across with
      // words of 12 px), with the same contract and the channel still selected.
      await page.setViewportSize({ width: 1200, height: 900 });
      await page.waitForFunction(() => document.querySelector('wb-ssl-check').shadowRoot.querySelector('.overview .diagram-col svg.diagram.narrow'));
      assert.equal(await statusOf(page, 'b'), 'broken');
      assert.equal(await shadow(page, 'svg g.channel.selected').getAttribute('data-channel'), 'c');
      check(await measure(page, '.overview svg.diagram'), `${path || 'page'}, broken example, 1200 px`);
      await page.setViewportSize({ width: 390, height: 900 });
      await page.waitForFunction(() => document.querySelector('wb-ssl-check').shadowRoot.querySelector('.overview svg.diagram.narrow'));
      assert.deepEqual(violations, []);
      assert.deepEqual(errors, []);
      await context.close();
    }
  });
});

describe('layout by the element\'s own width: 320, 390, 768 and 1280 px, page and widget in a column', () => {
  /** What a width must hold: nothing wider than the element (and no horizontal scrolling), every word
   * of the diagram at 12 px or more as drawn, and every control reached by Tab shown on screen and not
   * under the sticky banner. */
  async function checkLayout(page, where) {
    const m = await page.evaluate(() => {
      const host = document.querySelector('wb-ssl-check');
      const root = host.shadowRoot;
      const hostBox = host.getBoundingClientRect();
      // Boxes that stick out of the element, outside anything that scrolls or clips on its own.
      const clipped = (e) => {
        for (let p = e.parentElement; p; p = p.parentElement) {
          const o = getComputedStyle(p).overflowX;
          if (o === 'auto' || o === 'scroll' || o === 'hidden') return true;
        }
        return false;
      };
      const out = [...root.querySelectorAll('*')]
        .filter((e) => !(e instanceof SVGElement) || e.tagName === 'svg')
        .filter((e) => {
          const r = e.getBoundingClientRect();
          return r.width > 0 && r.right > hostBox.right + 1 && !clipped(e);
        })
        .map((e) => `${e.tagName.toLowerCase()}.${e.className?.baseVal ?? e.className} ${Math.round(e.getBoundingClientRect().right - hostBox.right)}px`);
      const svg = root.querySelector('.overview svg.diagram');
      const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
      const small = [...svg.querySelectorAll('text')]
        .filter((t) => t.textContent.trim())
        .map((t) => ({ text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale }))
        .filter((t) => t.px < 12 - 0.01)
        .map((t) => `"${t.text}" ${t.px.toFixed(1)}px`);
      return { out, small, scroll: document.documentElement.scrollWidth - innerWidth, upright: svg.classList.contains('narrow') };
    });
    assert.deepEqual(m.out, [], `${where}: boxes wider than the element`);
    assert.ok(m.scroll <= 1, `${where}: ${m.scroll}px of horizontal scrolling`);
    assert.deepEqual(m.small, [], `${where}: diagram words under 12 px`);
    assert.deepEqual(await strayWords(page), [], `${where}: stray words`);
    // Tab from the verdict through the results: each focused control in view, not under the banner.
    await shadow(page, '#banner').focus();
    const hidden = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const f = await page.evaluate(() => {
        const root = document.querySelector('wb-ssl-check').shadowRoot;
        const e = root.activeElement;
        if (!e) return null;
        const r = e.getBoundingClientRect();
        const banner = root.querySelector('.banner.stuck');
        const b = banner && !banner.contains(e) ? banner.getBoundingClientRect() : null;
        const name = `${e.tagName.toLowerCase()} "${(e.getAttribute('aria-label') || e.textContent || '').trim().slice(0, 40)}"`;
        if (r.width === 0 && r.height === 0) return null;
        const under = b && r.top < b.bottom - 1 && r.bottom > b.top;
        const off = r.bottom < 0 || r.top > innerHeight;
        return under || off ? `${name}: top ${Math.round(r.top)}, banner bottom ${b ? Math.round(b.bottom) : '-'}, window ${innerHeight}` : '';
      });
      if (f === null) break;
      if (f) hidden.push(f);
    }
    assert.deepEqual(hidden, [], `${where}: focus hidden`);
    return m;
  }

  for (const width of [320, 390, 768, 1280]) {
    test(`the page at ${width} px: the example, then a cluster`, async () => {
      const { context, page, errors } = await open('', { width });
      await shadow(page, '#load-example').click();
      await waitForResults(page);
      // The action's result has the focus: the verdict.
      assert.equal(await page.evaluate(() => document.querySelector('wb-ssl-check').shadowRoot.activeElement?.id), 'banner');
      await page.screenshot({ path: join(output, `layout-page-${width}.png`) });
      await checkLayout(page, `page ${width} px, example`);
      // The sticky banner leaves most of the screen free, or does not stick.
      const banner = await page.evaluate(() => {
        const b = document.querySelector('wb-ssl-check').shadowRoot.getElementById('banner');
        return { stuck: b.classList.contains('stuck'), height: b.offsetHeight };
      });
      assert.ok(!banner.stuck || banner.height <= 900 / 4, `banner ${banner.height}px stuck at ${width} px`);
      // A cluster: channel d drawn at every width, upright where narrow, its words 12 px or more.
      // Dropped right after the example, the user's files replace it, and the page says so.
      assert.match(await shadow(page, '#example-note').textContent(), /The example, a deliberately broken server/);
      await shadow(page, '#dir-input').setInputFiles(join(root, 'examples/cluster'));
      await waitForResults(page);
      assert.equal(await statusOf(page, 'd'), 'broken');
      assert.match(await shadow(page, '#example-note').textContent(), /set aside/);
      const names = await page.evaluate(() => document.querySelector('wb-ssl-check').report.inputs.map((i) => i.name));
      assert.ok(!names.includes('ticket.txt') && !names.includes('workbench.crt'), `${names}`);
      await shadow(page, 'svg g[data-channel="d"] .wire-label').click();
      // Each channel's words in its status's colour: broken d in the error red (#b42318), not grey.
      assert.equal(await shadow(page, 'svg g[data-channel="d"] .wire-label').evaluate((t) => getComputedStyle(t).fill), 'rgb(180, 35, 24)');
      await shadow(page, '.overview .diagram-wrap').screenshot({ path: join(output, `layout-cluster-diagram-${width}.png`) });
      await checkLayout(page, `page ${width} px, cluster`);
      // Channel d's card names each node's certificate, and each node's chain says what the other
      // nodes make of it: node2's does not name node2.example.org.
      const certs = await shadow(page, 'article.channel-card[data-channel="d"] li[data-node] .node-cert').count();
      assert.equal(certs, 2);
      const d = await shadow(page, '.chain-clients > li[data-channel="d"]').evaluateAll((ls) => ls.map((l) => l.dataset.status));
      assert.deepEqual(d, ['trust-unknown', 'broken']);
      assert.deepEqual(await strayWords(page), []);
      await page.screenshot({ path: join(output, `layout-cluster-${width}.png`), fullPage: true });
      assert.deepEqual(errors, []);
      await context.close();
    });
  }

  for (const [window, column] of [[1280, 360], [320, 0], [390, 0], [768, 0], [1280, 0]]) {
    test(`the widget ${column ? `in a ${column} px column of a ${window} px window` : `at ${window} px`}`, async () => {
      const { context, page, errors } = await open('docs-example.html', { width: window });
      if (column) await page.evaluate((w) => (document.querySelector('wb-ssl-check').style.cssText = `width: ${w}px; margin: 0`), column);
      await shadow(page, '#load-example').click();
      await waitForResults(page);
      await page.screenshot({ path: join(output, `layout-widget-${window}-${column || 'full'}-top.png`) });
      const m = await checkLayout(page, `widget ${window}/${column}`);
      if (column) assert.ok(m.upright, 'a narrow column draws the diagram upright');
      // In a narrow column, plan and diagram stand one above the other.
      const side = await page.evaluate(() => {
        const root = document.querySelector('wb-ssl-check').shadowRoot;
        const [plan, col] = [root.querySelector('.overview > :first-child'), root.querySelector('.overview > .diagram-col')];
        return col.getBoundingClientRect().top >= plan.getBoundingClientRect().bottom - 1;
      });
      if (column || window < 900) assert.ok(side, 'plan above the diagram');
      await page.screenshot({ path: join(output, `layout-widget-${window}-${column || 'full'}.png`), fullPage: true });
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});

/** The shipped page with its Web Workers observed (each one made and whether it was terminated) and its
 * window print listeners counted; with `rewrite`, the core's answers are changed on their way to the
 * page, as a core that says other things would answer. */
async function openObserved({ rewrite = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript((rewriting) => {
    const change = (data) => {
      const r = data && data.result;
      if (!rewriting || !r) return data;
      if (r.limits && r.severities) {
        // metadata()
        r.statuses.find((s) => s.id === 'broken').label = 'cut (says the core)';
        r.severities.find((s) => s.id === 'error').noun = 'fault';
        r.limits.expires_soon_days = 100000;
        r.kinds.find((k) => k.id === 'rserver-conf').config = false;
        r.fix_safeties.find((f) => f.id === 'safe').label = 'fix the core calls safe';
        r.positions.find((p) => p.id === 'leaf').label = 'the served one';
        r.trusts.find((t) => t.id === 'to-be-given').label = 'still to come';
      } else if (r.report && r.verdict) {
        // check
        r.verdict = { tone: 'good', text: 'Verdict of the core', verified: true };
        for (const c of r.report.certificates) c.name = `Named by the core: ${c.name}`;
      }
      return data;
    };
    const Native = window.Worker;
    window.__workers = [];
    window.Worker = class extends Native {
      constructor(...args) {
        super(...args);
        this.terminated = false;
        window.__workers.push(this);
      }
      terminate() {
        this.terminated = true;
        super.terminate();
      }
      get onmessage() {
        return super.onmessage;
      }
      set onmessage(handler) {
        super.onmessage = (e) => handler({ data: change(e.data) });
      }
    };
    const live = { beforeprint: new Set(), afterprint: new Set() };
    const add = window.addEventListener.bind(window);
    const remove = window.removeEventListener.bind(window);
    window.addEventListener = (type, fn, ...rest) => {
      live[type]?.add(fn);
      return add(type, fn, ...rest);
    };
    window.removeEventListener = (type, fn, ...rest) => {
      live[type]?.delete(fn);
      return remove(type, fn, ...rest);
    };
    window.__printListeners = () => live.beforeprint.size + live.afterprint.size;
  }, rewrite);
  await page.goto(server.url);
  await page.waitForSelector('wb-ssl-check[data-ready]', { timeout: 20000 });
  return { context, page, errors };
}

describe('the page mirrors the core', () => {
  test('labels, nouns, limits, the config test, short names and the verdict are the ones the core gives', async () => {
    const { context, page, errors } = await openObserved({ rewrite: true });
    await shadow(page, '#load-example').click();
    await waitForResults(page);
    // The verdict is the core's, whatever the counts say.
    const banner = shadow(page, '#banner');
    assert.equal(await banner.locator('.verdict').textContent(), 'Verdict of the core');
    assert.match(await banner.getAttribute('class'), /\bgood\b/);
    assert.equal(await banner.getAttribute('data-verified'), 'true');
    assert.equal(await banner.getAttribute('data-errors'), '8');
    // Words: a status label, a severity's noun (the counts and the status line), fix safety, positions, trust.
    assert.match(await shadow(page, 'svg g[data-channel="b"] .wire-label').textContent(), /^\(b\) cut \(says the core\)/);
    assert.equal(await shadow(page, '.chip[data-kind="severity"][data-value="error"]').textContent(), '8 faults');
    assert.match(await shadow(page, '#status').textContent(), /: 8 faults, 5 warnings, /);
    assert.equal(await shadow(page, '.finding[data-rule="launcher-address-has-scheme"] .tag').textContent(), 'fix the core calls safe');
    assert.equal(await shadow(page, '.chain-link[data-position="leaf"] .pos').first().textContent(), 'The served one');
    assert.match(await shadow(page, '.chain-clients li[data-trust="to-be-given"] .check.trust').first().textContent(), /^CA at the top still to come$/);
    // Short names: each card and chain link shows the name the report gives.
    const names = await shadow(page, '.cert h4').allTextContents();
    assert.ok(names.length > 0 && names.every((n) => n.startsWith('Named by the core: ')), names.join(' | '));
    assert.match(await shadow(page, '.chain-link[data-position="leaf"] .link-head strong').first().textContent(), /^Named by the core: /);
    // The expiry threshold: with a threshold of 100000 days every valid certificate is expiring soon.
    const tones = await shadow(page, '.cert dd[title]').evaluateAll((ds) => ds.map((d) => d.className));
    assert.ok(tones.length > 0 && tones.every((t) => t === 'warn'), tones.join(' '));
    // The config test: rserver.conf said not to be a config file, its lines are not shown.
    await shadow(page, '[data-rule="launcher-port-mismatch"] summary').click();
    await shadow(page, '[data-rule="launcher-port-mismatch"] button.link').click();
    await shadow(page, '[data-rule="launcher-port-mismatch"] .source p').waitFor();
    assert.equal(await shadow(page, '[data-rule="launcher-port-mismatch"] .source').textContent(), 'This file’s content is not shown.');
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('unchanged, the same example shows the core\'s own words', async () => {
    const { context, page, errors } = await openObserved();
    await shadow(page, '#load-example').click();
    await waitForResults(page);
    assert.equal(await shadow(page, '#banner .verdict').textContent(), '8 errors will break Workbench or leave it insecure');
    assert.match(await shadow(page, '#banner').getAttribute('class'), /\bbad\b/);
    assert.equal(await shadow(page, '.chip[data-kind="severity"][data-value="error"]').textContent(), '8 errors');
    assert.match(await shadow(page, 'svg g[data-channel="b"] .wire-label').textContent(), /^\(b\) broken /);
    assert.equal(await shadow(page, '.finding[data-rule="launcher-address-has-scheme"] .tag').textContent(), 'safe fix');
    assert.equal(await shadow(page, '.chain-link[data-position="leaf"] .pos').first().textContent(), 'Server certificate');
    assert.deepEqual(await shadow(page, '.cert h4').allTextContents(), ['workbench.example.org']);
    assert.equal(await shadow(page, '.chain-link.missing .link-head strong').textContent(), 'Example Corp Root CA');
    assert.deepEqual(await shadow(page, '.cert dd[title]').evaluateAll((ds) => ds.map((d) => d.className)), ['']);
    await shadow(page, '[data-rule="launcher-port-mismatch"] summary').click();
    await shadow(page, '[data-rule="launcher-port-mismatch"] button.link').click();
    assert.match(await shadow(page, '[data-rule="launcher-port-mismatch"] .lines .hit').textContent(), /launcher-port=5559/);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('removed from the page, the element ends its worker and its window listeners; added again, it works', async () => {
    const { context, page, errors } = await openObserved();
    await shadow(page, '#load-example').click();
    await waitForResults(page);
    const state = () => page.evaluate(() => ({ workers: window.__workers.length, running: window.__workers.filter((w) => !w.terminated).length, listeners: window.__printListeners() }));
    assert.deepEqual(await state(), { workers: 1, running: 1, listeners: 2 });
    await page.evaluate(() => {
      window.__element = document.querySelector('wb-ssl-check');
      window.__element.remove();
    });
    await page.waitForFunction(() => window.__workers.every((w) => w.terminated), null, { timeout: 5000 });
    assert.deepEqual(await state(), { workers: 1, running: 0, listeners: 0 });
    // Printing the page no longer opens the removed element's findings.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    assert.equal(await page.evaluate(() => window.__element.shadowRoot.querySelectorAll('details.finding[open]').length), 0);
    // Put back, it checks again with a new worker, and printing opens its findings again.
    await page.evaluate(() => {
      document.querySelector('main').append(window.__element);
      window.__element.shadowRoot.querySelector('#status').textContent = '';
    });
    assert.equal((await state()).listeners, 2);
    await shadow(page, '#inputs-summary').click();
    await shadow(page, '#load-example').click();
    await page.waitForFunction(() => /^Checked /.test(document.querySelector('wb-ssl-check').shadowRoot.querySelector('#status').textContent), null, { timeout: 30000 });
    assert.deepEqual(await state(), { workers: 2, running: 1, listeners: 2 });
    assert.equal(await shadow(page, '#banner').getAttribute('data-errors'), '8');
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    assert.ok((await shadow(page, 'details.finding[open]').count()) > 0);
    await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
    assert.deepEqual(errors, []);
    await context.close();
  });
});

describe('the widget and the offline file', () => {
  test('the widget works inside a documentation page under a strict host CSP, with its module from beside it', async () => {
    const { context, page, requests, violations, errors } = await open('docs-example.html');
    assert.match(await page.locator('h1').textContent(), /Securing Posit Workbench/);
    await shadow(page, '#load-example').click();
    await waitForResults(page);
    assert.equal(await statusOf(page, 'b'), 'broken');
    await page.screenshot({ path: join(output, 'widget-in-docs.png'), fullPage: true });
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    assert.ok(requests.every((u) => u.startsWith(server.url)), requests.join('\n'));
    assert.ok(requests.includes(`${server.url}wb_ssl_check_bg.wasm`), 'the widget fetches its module from beside itself');
    assert.ok(requests.includes(`${server.url}example.json`), 'and the example when asked');
    assert.ok(!requests.some((u) => u.endsWith('public-roots.bin')), 'never public-roots.bin, which a docs site does not have');
    await context.close();
  });

  test('a documentation page transfers no more for the widget than the page does for itself', async () => {
    // Everything each one transfers (gzipped, as a server would send it) until its checker answers:
    // the worker has fetched and compiled the module.
    const transfer = async (path) => {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      const bodies = [];
      context.on('response', (r) => bodies.push(r.body().then((b) => [new URL(r.url()).pathname, gzipSync(b, { level: 9 }).length])));
      const page = await context.newPage();
      await page.goto(server.url + path);
      await page.waitForSelector('wb-ssl-check[data-ready]', { timeout: 20000 });
      await page.evaluate(() => document.querySelector('wb-ssl-check').checker.call('version'));
      const sizes = Object.fromEntries(await Promise.all(bodies));
      await context.close();
      return sizes;
    };
    const sum = (sizes) => Object.values(sizes).reduce((a, b) => a + b, 0);
    const [onPage, onDocs] = [await transfer(''), await transfer('docs-example.html')];
    const moduleGz = gzipSync(readFileSync(join(dist, 'wb_ssl_check_bg.wasm')), { level: 9 }).length;
    const widgetOwn = sum(onDocs) - onDocs['/docs-example.html'] - (onDocs['/page.css'] || 0) - (onDocs['/favicon.svg'] || 0);
    console.log(`transfer, gzipped: page ${(sum(onPage) / 1024).toFixed(1)} KiB; docs page ${(sum(onDocs) / 1024).toFixed(1)} KiB, of which the widget ${(widgetOwn / 1024).toFixed(1)} KiB (module ${(moduleGz / 1024).toFixed(1)} KiB)`);
    assert.equal(onDocs['/wb_ssl_check_bg.wasm'], moduleGz, 'the module is fetched once');
    assert.ok(!Object.keys(onDocs).some((p) => p.includes('inline')), Object.keys(onDocs).join(' '));
    assert.ok(widgetOwn <= sum(onPage), 'no more than the page transfers');
    // The widget's script is the page's and a few bytes (it never asks for public-roots.bin).
    assert.ok(onDocs['/wb-ssl-check-widget.js'] <= onPage['/wb-ssl-check.js'] + 64, `${onDocs['/wb-ssl-check-widget.js']} bytes`);
    assert.ok(widgetOwn <= moduleGz + 24 * 1024, `the module and small JavaScript (${widgetOwn} bytes)`);
  });

  test('the widget compiles its module when the server does not say application/wasm', async () => {
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    const wasm = readFileSync(join(dist, 'wb_ssl_check_bg.wasm'));
    await context.route('**/wb_ssl_check_bg.wasm', (route) => route.fulfill({ status: 200, contentType: 'application/octet-stream', body: wasm }));
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url + 'docs-example.html');
    await page.waitForSelector('wb-ssl-check[data-ready]', { timeout: 20000 });
    await shadow(page, '#load-example').click();
    await waitForResults(page);
    assert.equal(await statusOf(page, 'b'), 'broken');
    // The example's ticket.txt: the widget loads symptoms.json from beside itself.
    assert.equal(await shadow(page, '.symptom').count(), 3);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('the inline widget works under a host CSP that allows no connection at all', async () => {
    // The documentation page with `connect-src 'none'` and the inline widget, served from the same place.
    const html = readFileSync(join(dist, 'docs-example.html'), 'utf8').replace("connect-src 'self'", "connect-src 'none'").replace('src="wb-ssl-check-widget.js"', 'src="wb-ssl-check-widget-inline.js"');
    assert.match(html, /connect-src 'none'.*[\s\S]*wb-ssl-check-widget-inline\.js/);
    const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
    await context.route(`${server.url}docs-inline.html`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    const { page, requests, violations, errors } = await open('', { url: `${server.url}docs-inline.html`, context });
    await shadow(page, '#load-example').click();
    await waitForResults(page);
    assert.equal(await statusOf(page, 'b'), 'broken');
    // It carries the symptom catalog too.
    assert.equal(await shadow(page, '.symptom').count(), 3);
    // Its rule docs are a script (script-src 'self'), not a connection.
    await shadow(page, '[data-rule="launcher-address-has-scheme"] summary').first().click();
    await shadow(page, '[data-rule="launcher-address-has-scheme"] .docs-title').first().waitFor({ timeout: 10000 });
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    assert.ok(requests.every((u) => u.startsWith(server.url)), requests.join('\n'));
    assert.ok(!requests.some((u) => u.endsWith('.wasm') || u.endsWith('.json') || u.endsWith('.bin')), 'the inline widget carries its module and example');
    await context.close();
  });

  test('the single offline file works from file:// with no request but itself', async () => {
    const url = `file://${join(dist, 'wb-ssl-check-offline.html')}`;
    const { context, page, requests, violations, errors } = await open('', { url });
    await shadow(page, '#load-example').click();
    await waitForResults(page);
    assert.equal(await statusOf(page, 'a'), 'broken');
    assert.ok((await rulesOnPage(page)).includes('error:cert-key-mismatch'));
    assert.equal(await shadow(page, '.symptom[data-confirmed="true"]').count(), 3, 'the symptom catalog is inline');
    // For triage it carries the Kubernetes reader and the chart's defaults: a values file is read
    // with no request.
    const dir = join(root, 'tests/fixtures/kubernetes/cases/soleng-workshop-ha-ville');
    await shadow(page, '#file-input').setInputFiles([{ name: 'ha-ville.yaml', mimeType: 'text/plain', buffer: readFileSync(join(dir, 'ha-ville.yaml')) }]);
    await shadow(page, '.finding[data-rule="helm-lb-without-shared-storage"]').waitFor();
    assert.doesNotMatch(await shadow(page, '#results').textContent(), /chart's defaults were not available/);
    const external = requests.filter((u) => u !== url && !u.startsWith('blob:'));
    assert.deepEqual(external, []);
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    await context.close();
  });
});
