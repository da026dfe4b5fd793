// The release (scripts/release): the static musl binaries (x86_64, and aarch64 run through
// qemu-user-static) need no glibc and run the examples; each tarball, .deb and .rpm holds the binary, its
// man pages and completions; SHA256SUMS matches. Run by scripts/test after scripts/release:
// node --test tests/tools/
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
const TARGETS = [
  { target: 'x86_64-unknown-linux-musl', deb: '_amd64.deb', rpm: '.x86_64.rpm', run: [] },
  { target: 'aarch64-unknown-linux-musl', deb: '_arm64.deb', rpm: '.aarch64.rpm', run: ['qemu-aarch64-static'] },
];
const INSTALLED = ['usr/bin/wb-ssl-check', 'usr/share/man/man1/wb-ssl-check.1.gz', 'usr/share/man/man1/wb-ssl-check-probe.1.gz', 'usr/share/bash-completion/completions/wb-ssl-check', 'usr/share/fish/vendor_completions.d/wb-ssl-check.fish', 'usr/share/doc/wb-ssl-check/rules.md'];

/** Runs an unpacked binary on the examples, as on a server: no glibc, and the right exit statuses;
 * its SARIF points at the documentation installed with it (`docs`, relative to the unpacked root). */
function runsTheExamples(bin, run, docs) {
  assert.doesNotMatch(sh('readelf', ['-l', bin]), /INTERP|Requesting program interpreter/);
  assert.doesNotMatch(sh('readelf', ['-d', bin]), /NEEDED/);
  const exec = (args) => spawnSync(run[0] || bin, run.length ? [bin, ...args] : args, { encoding: 'utf8' });
  const broken = exec(['--now', '2027-01-01T00:00:00Z', join(root, 'examples/broken')]);
  assert.equal(broken.status, 1, broken.stderr);
  assert.match(broken.stdout, /error\[launcher-address-has-scheme\]/);
  const correct = exec(['--now', '2027-01-01T00:00:00Z', '--trusted-ca', join(root, 'examples/correct/example-root-ca.crt'), join(root, 'examples/correct')]);
  assert.equal(correct.status, 0, correct.stdout + correct.stderr);
  assert.match(exec(['probe', '--help']).stdout, /--connect-to/);
  const sarif = JSON.parse(exec(['--format', 'sarif', '--now', '2027-01-01T00:00:00Z', join(root, 'examples/correct')]).stdout);
  assert.ok(sarif.runs[0].tool.driver.informationUri.endsWith(docs), sarif.runs[0].tool.driver.informationUri);
}

test('SHA256SUMS lists and matches every artefact', () => {
  const sums = readFileSync(join(dist, 'SHA256SUMS'), 'utf8');
  for (const f of files.filter((f) => f !== 'SHA256SUMS')) assert.ok(sums.includes(`  ${f}\n`), f);
  assert.equal(files.length, 1 + TARGETS.length * 3);
  sh('sha256sum', ['-c', 'SHA256SUMS'], { cwd: dist });
});

for (const { target, deb, rpm, run } of TARGETS) {
  test(`${target}: the tarball's static binary runs the examples; man pages and completions beside it`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-release-'));
    sh('tar', ['-xzf', one(`-${target}.tar.gz`), '-C', dir]);
    const [top] = readdirSync(dir);
    runsTheExamples(join(dir, top, 'bin/wb-ssl-check'), run, `${top}/doc/README.md`);
    const listing = sh('tar', ['-tzf', one(`-${target}.tar.gz`)]);
    for (const f of ['man1/wb-ssl-check.1.gz', 'man1/wb-ssl-check-probe.1.gz', 'completions/wb-ssl-check.bash', 'completions/_wb-ssl-check', 'completions/wb-ssl-check.fish', 'doc/rules.md']) {
      assert.ok(listing.includes(`${top}/${f}`), f);
    }
    // roff escapes the dashes: `\-\-connect\-to`.
    assert.match(sh('zcat', [join(dir, top, 'man1/wb-ssl-check-probe.1.gz')]), /connect\\?-to/);
  });

  test(`${target}: the .deb installs the binary, its man pages and completions`, () => {
    const file = one(deb);
    const paths = sh('dpkg-deb', ['-c', file]).split('\n').map((l) => l.split(/\s+/).pop().replace(/^\.\//, ''));
    for (const f of [...INSTALLED, 'usr/share/zsh/vendor-completions/_wb-ssl-check']) assert.ok(paths.includes(f), f);
    assert.match(sh('dpkg-deb', ['-f', file, 'Package', 'Architecture']), new RegExp(`Package: wb-ssl-check\\nArchitecture: ${deb.slice(1, -4)}`));
    const dir = mkdtempSync(join(tmpdir(), 'wb-deb-'));
    sh('dpkg-deb', ['-x', file, dir]);
    runsTheExamples(join(dir, 'usr/bin/wb-ssl-check'), run, '/usr/share/doc/wb-ssl-check/README.md');
  });

  test(`${target}: the .rpm installs the binary, its man pages and completions`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-rpm-'));
    execFileSync('sh', ['-c', `rpm2cpio "${one(rpm)}" | cpio -idm --quiet`], { cwd: dir });
    for (const f of [...INSTALLED, 'usr/share/zsh/site-functions/_wb-ssl-check']) assert.ok(readdirSync(join(dir, f, '..')).includes(f.split('/').pop()), f);
    runsTheExamples(join(dir, 'usr/bin/wb-ssl-check'), run, '/usr/share/doc/wb-ssl-check/README.md');
  });
}
