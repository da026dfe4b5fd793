// The release (scripts/release): the static musl binary needs no glibc and runs the examples; the
// tarball, the .deb and the .rpm hold the binary, its man pages and completions; SHA256SUMS matches.
// Run by scripts/test after scripts/release: node --test tests/tools/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const dist = join(root, 'target/release-dist');
const files = readdirSync(dist);
const one = (suffix) => {
  const found = files.filter((f) => f.endsWith(suffix));
  assert.equal(found.length, 1, `one ${suffix} in target/release-dist: ${files.join(' ')}`);
  return join(dist, found[0]);
};
const sh = (cmd, args, opts = {}) => execFileSync(cmd, args, { encoding: 'utf8', ...opts });

/** Runs an unpacked binary on the examples, as on a server. */
function runsTheExamples(bin) {
  const broken = spawnSync(bin, ['--now', '2027-01-01T00:00:00Z', join(root, 'examples/broken')], { encoding: 'utf8' });
  assert.equal(broken.status, 1, broken.stderr);
  assert.match(broken.stdout, /error\[launcher-address-has-scheme\]/);
  const correct = spawnSync(bin, ['--now', '2027-01-01T00:00:00Z', '--trusted-ca', join(root, 'examples/correct/example-root-ca.crt'), join(root, 'examples/correct')], { encoding: 'utf8' });
  assert.equal(correct.status, 0, correct.stdout + correct.stderr);
  assert.match(sh(bin, ['probe', '--help']), /--connect-to/);
}

test('SHA256SUMS lists and matches every artefact', () => {
  const sums = readFileSync(join(dist, 'SHA256SUMS'), 'utf8');
  for (const f of files.filter((f) => f !== 'SHA256SUMS')) assert.ok(sums.includes(`  ${f}\n`), f);
  sh('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dist });
});

test('the tarball: a static binary that needs no glibc, with man pages and completions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wb-release-'));
  sh('tar', ['-xzf', one('-x86_64-unknown-linux-musl.tar.gz'), '-C', dir]);
  const [top] = readdirSync(dir);
  const bin = join(dir, top, 'bin/wb-ssl-check');
  // No program interpreter (ld-linux) and no shared library: nothing of glibc.
  assert.doesNotMatch(sh('readelf', ['-l', bin]), /INTERP|Requesting program interpreter/);
  assert.doesNotMatch(sh('readelf', ['-d', bin]), /NEEDED/);
  runsTheExamples(bin);
  const listing = sh('tar', ['-tzf', one('.tar.gz')]);
  for (const f of ['man1/wb-ssl-check.1.gz', 'man1/wb-ssl-check-probe.1.gz', 'completions/wb-ssl-check.bash', 'completions/_wb-ssl-check', 'completions/wb-ssl-check.fish', 'doc/rules.md']) {
    assert.ok(listing.includes(`${top}/${f}`), f);
  }
  // roff escapes the dashes: `\-\-connect\-to`.
  assert.match(sh('zcat', [join(dir, top, 'man1/wb-ssl-check-probe.1.gz')]), /connect\\?-to/);
});

const INSTALLED = ['usr/bin/wb-ssl-check', 'usr/share/man/man1/wb-ssl-check.1.gz', 'usr/share/man/man1/wb-ssl-check-probe.1.gz', 'usr/share/bash-completion/completions/wb-ssl-check', 'usr/share/fish/vendor_completions.d/wb-ssl-check.fish', 'usr/share/doc/wb-ssl-check/rules.md'];

test('the .deb installs the binary, its man pages and completions', () => {
  const deb = one('.deb');
  const listing = sh('dpkg-deb', ['-c', deb]);
  const paths = listing.split('\n').map((l) => l.split(/\s+/).pop().replace(/^\.\//, ''));
  for (const f of [...INSTALLED, 'usr/share/zsh/vendor-completions/_wb-ssl-check']) assert.ok(paths.includes(f), f);
  assert.match(sh('dpkg-deb', ['-f', deb, 'Package', 'Architecture']), /Package: wb-ssl-check\nArchitecture: amd64/);
  const dir = mkdtempSync(join(tmpdir(), 'wb-deb-'));
  sh('dpkg-deb', ['-x', deb, dir]);
  runsTheExamples(join(dir, 'usr/bin/wb-ssl-check'));
});

test('the .rpm installs the binary, its man pages and completions', () => {
  const dir = mkdtempSync(join(tmpdir(), 'wb-rpm-'));
  execFileSync('sh', ['-c', `rpm2cpio "${one('.rpm')}" | cpio -idm --quiet`], { cwd: dir });
  for (const f of [...INSTALLED, 'usr/share/zsh/site-functions/_wb-ssl-check']) assert.ok(readdirSync(join(dir, f, '..')).includes(f.split('/').pop()), f);
  runsTheExamples(join(dir, 'usr/bin/wb-ssl-check'));
});
