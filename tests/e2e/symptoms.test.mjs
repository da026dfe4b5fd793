// End-to-end tests of the symptoms on the page: the known error messages of pasted ticket text and
// logs, shown first among the results, each on its channel in the diagram. Debian's Chromium through
// playwright-core, against dist/ (scripts/build-web), like page.test.mjs:
//   node --test tests/e2e/symptoms.test.mjs
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/static-server.mjs';
import { ARGS, openPage, output, root, shadow, waitForResults } from './browser.mjs';

let browser;
let server;

before(async () => {
  server = await serve(join(root, 'dist'), 0);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** The page at `width` pixels, with its errors and CSP violations recorded. */
const open = (width = 1200) => openPage(browser, '', { from: server, width });

/** Pastes `text` as a file named `name` through the page's paste form, and waits for the results. */
async function paste(page, name, text) {
  await shadow(page, '.paste > summary').click();
  await shadow(page, '#paste-name').fill(name);
  await shadow(page, '#paste-text').fill(text);
  await shadow(page, '#paste-form button[type="submit"]').click();
  await waitForResults(page);
}

/** Each symptom on the page: its data attributes and its text. */
const symptomsOnPage = (page) =>
  page.evaluate(() => [...document.querySelector('wb-ssl-check').shadowRoot.querySelectorAll('#symptoms .symptom')].map((s) => ({ ...s.dataset, text: s.textContent })));

describe('symptoms', () => {
  test('the example\'s ticket: three symptoms first, each on its channel, each explained by a finding', async () => {
    const { context, page, violations, errors } = await open();
    await shadow(page, '#load-example').click();
    await waitForResults(page);
    const symptoms = await symptomsOnPage(page);
    assert.deepEqual(symptoms.map((s) => s.channel), ['a', 'b', 'c']);
    assert.deepEqual(symptoms.map((s) => s.confirmed), ['true', 'true', 'true']);
    assert.match(symptoms[0].text, /NET::ERR_CERT_AUTHORITY_INVALID/);
    // Where, and who prints it in the core's words.
    assert.match(symptoms[0].text, /ticket\.txt:\d+ · printed by a browser/);
    // A private root: the browsers' trust, never a missing intermediate.
    assert.match(symptoms[0].text, /Explained by: browser-trust-needed/);
    assert.match(symptoms[1].text, /launcher-port-mismatch/);
    assert.match(symptoms[2].text, /callback-localhost-remote-sessions/);
    // First among the results: right after the banner, before the plan, the diagram and the findings.
    // (After the line that says the example is on screen.)
    const order = await page.evaluate(() => [...document.querySelector('wb-ssl-check').shadowRoot.querySelector('#results').children].map((c) => c.id || c.className).filter((c) => c !== 'example-note'));
    assert.equal(order[0], 'banner');
    assert.equal(order[1], 'symptoms');
    assert.ok(order.indexOf('findings') > 1, order.join(' '));
    // Its usual causes fold, the confirmed ones marked.
    const first = shadow(page, '#symptoms .symptom').first();
    await first.locator('details.causes > summary').click();
    assert.ok((await first.locator('.causes li.confirmed').count()) >= 1);
    // Each on its channel in the diagram: a count on the wire of a, b and c.
    const marks = await page.evaluate(() => [...document.querySelector('wb-ssl-check').shadowRoot.querySelectorAll('.overview svg .symptom-count')].map((t) => `${t.dataset.channel}:${t.textContent}`));
    assert.deepEqual(marks.sort(), ['a:1', 'b:1', 'c:1']);
    // The channel of a symptom is a button that selects it in the diagram and shows its card.
    await shadow(page, '#symptoms .symptom[data-channel="b"] button.pick').click();
    await shadow(page, '.channel-card[data-channel="b"]').waitFor();
    assert.equal(await shadow(page, 'svg g.channel.selected').getAttribute('data-channel'), 'b');
    // A rule that explains one shows its finding, open.
    await shadow(page, '#symptoms .symptom[data-channel="a"] .explained button').click();
    assert.equal(await shadow(page, '.finding[data-rule="browser-trust-needed"]').first().getAttribute('open'), '');
    await shadow(page, '#symptoms').screenshot({ path: join(output, 'symptoms.png') });
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('at 390 px the symptoms come first and nothing scrolls sideways; the counts sit on the wires', async () => {
    const { context, page, errors } = await open(390);
    await shadow(page, '#load-example').click();
    await waitForResults(page);
    assert.equal(await shadow(page, '#symptoms .symptom').count(), 3);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 1, `no horizontal scrolling (${overflow}px)`);
    assert.equal(await shadow(page, '.overview svg.narrow .symptom-count').count(), 3);
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('in a cluster the counts sit on the wires of a and d too, over no word of the diagram', async () => {
    for (const width of [1200, 390]) {
      const { context, page, errors } = await open(width);
      await shadow(page, '#dir-input').setInputFiles(join(root, 'examples/cluster'));
      await waitForResults(page);
      // The cluster's own symptoms are not decided between a and d (no count); the diagram is drawn
      // again for a report with two decided on d and one on a.
      const words = await page.evaluate(() => {
        const el = document.querySelector('wb-ssl-check');
        const base = { input: 'ticket.txt', line: 1, text: 'x', count: 1, family: 'f', printed_by: 'curl', candidates: [], decided_by: '', meaning: '', causes: [], confirmed_by: [], ask_for: [] };
        el.report.symptoms = [{ ...base, channel: 'd' }, { ...base, channel: 'd' }, { ...base, channel: 'a' }];
        el.redraw();
        const svg = el.shadowRoot.querySelector('.overview svg.diagram');
        const box = svg.getBoundingClientRect();
        return {
          svg: { left: box.left, right: box.right, top: box.top, bottom: box.bottom },
          texts: [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim()).map((t) => {
            const r = t.getBoundingClientRect();
            return { text: t.textContent, mark: t.classList.contains('symptom-count') ? t.dataset.channel : null, left: r.left, right: r.right, top: r.top, bottom: r.bottom };
          }),
        };
      });
      assert.deepEqual(words.texts.filter((t) => t.mark).map((t) => `${t.mark}:${t.text}`).sort(), ['a:1', 'd:2']);
      for (const t of words.texts) assert.ok(t.left >= words.svg.left - 1 && t.right <= words.svg.right + 1 && t.top >= words.svg.top - 1 && t.bottom <= words.svg.bottom + 1, `${width}px: "${t.text}" inside the diagram`);
      for (const a of words.texts.filter((t) => t.mark)) {
        for (const b of words.texts.filter((t) => t !== a)) assert.ok(a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top, `${width}px: the count on ${a.mark} overlaps "${b.text}"`);
      }
      if (width === 1200) await shadow(page, '.overview .diagram-wrap').screenshot({ path: join(output, 'symptoms-cluster.png') });
      assert.deepEqual(errors, []);
      await context.close();
    }
  });

  test('a ticket alone: the symptom, not decided, and the files to ask for', async () => {
    const { context, page, errors } = await open();
    await paste(page, 'ticket.txt', 'Sessions fail to start. The session log says:\ncurl: (60) SSL certificate problem: unable to get local issuer certificate\n');
    const symptoms = await symptomsOnPage(page);
    assert.equal(symptoms.length, 1, JSON.stringify(symptoms));
    const [s] = symptoms;
    assert.equal(s.channel, 'none');
    assert.equal(s.confirmed, 'false');
    assert.match(s.text, /unable to get local issuer certificate/);
    assert.match(s.text, /not decided|no Workbench channel/);
    assert.match(s.text, /ask for: \S/);
    // Candidates read as a list ("a, b or c"), and the banner does not say "no problems".
    assert.doesNotMatch(s.text, /\b[a-d] or [a-d] or\b/);
    assert.match(await shadow(page, '#banner .verdict').textContent(), /^1 symptom not explained by the files given$/);
    assert.match(await shadow(page, '#banner').getAttribute('class'), /^banner warn( stuck)?$/);
    // And the plan does not say "Nothing to do" under it.
    assert.equal(await shadow(page, '#plan-title').textContent(), 'No plan from these files: they do not explain the symptoms above');
    // Nothing decided: no count in the diagram.
    assert.equal(await shadow(page, '.overview svg .symptom-count').count(), 0);
    await page.screenshot({ path: join(output, 'symptoms-ticket-alone.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await context.close();
  });

  test('a private key pasted with the error lines never reaches the DOM', async () => {
    const { context, page, errors } = await open();
    const key = readFileSync(join(root, 'examples/broken/workbench.key'), 'utf8');
    const secretLines = key.split('\n').filter((l) => l.length > 20 && !l.startsWith('-----'));
    assert.ok(secretLines.length > 0);
    await paste(page, 'ticket.txt', `Users see NET::ERR_CERT_AUTHORITY_INVALID in Chrome.\nThe key, in case it helps:\n${key}\ncurl: (60) SSL certificate problem: unable to get local issuer certificate\n`);
    // The error lines around the key are read as symptoms.
    const symptoms = await symptomsOnPage(page);
    assert.ok(symptoms.some((s) => s.family === 'chrome-cert-authority-invalid'), JSON.stringify(symptoms));
    assert.ok(symptoms.some((s) => /unable to get local issuer certificate/.test(s.text)), JSON.stringify(symptoms));
    const dom = await page.evaluate(() => {
      const root = document.querySelector('wb-ssl-check').shadowRoot;
      return [root.innerHTML, [...root.children].map((c) => c.textContent).join('\n')];
    });
    for (const text of [...dom, await page.content()]) {
      for (const l of secretLines) assert.ok(!text.includes(l), 'no key material in the DOM');
      for (const l of secretLines) assert.ok(!text.includes(l.slice(0, 24)), 'no part of the key in the DOM');
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
});
