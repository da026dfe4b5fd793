// SARIF output that code-scanning tools accept: Microsoft's reference validator (npm
// @microsoft/sarif-multitool, `sarif-multitool validate`) on `--format sarif` of files given by relative
// and by absolute path (as on a server), with fixes, related locations and pasted s_client output.
// Run by scripts/test after the release build: node --test tests/tools/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const cli = join(root, 'target/release/wb-ssl-check');
// npm does not run the package's postinstall (which marks the .NET binary executable): do it here.
const validator = join(root, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');
chmodSync(validator, 0o755);
const scratch = mkdtempSync(join(tmpdir(), 'wb-sarif-'));

/** The validator's errors and warnings on the SARIF of `args`, as `level RULE` lines. */
function validate(name, args, cwd) {
  // After 2026-11-26T06:38Z, when the example's certificates become valid: its ticket's browser error is then explained by its private root.
  const run = spawnSync(cli, ['--format', 'sarif', '--now', '2026-12-01T00:00:00Z', ...args], { cwd });
  assert.ok(run.status === 0 || run.status === 1, `${name}: exit ${run.status}: ${run.stderr}`);
  const sarif = JSON.parse(run.stdout.toString());
  const file = join(scratch, `${name}.sarif`);
  writeFileSync(file, run.stdout);
  const out = spawnSync(validator, ['validate', file], { encoding: 'utf8' });
  const findings = [...out.stdout.matchAll(/: (error|warning) (SARIF\d+):/g)].map((m) => `${m[1]} ${m[2]}`);
  return { sarif, findings, text: out.stdout };
}

const corpus = process.env.WB_CORPUS_DIR || join(root, '../shared/corpus/real');
const cases = [
  ['relative', ['examples/broken'], root],
  ['bad input', [join(root, 'tests/fixtures/bad-input')], '/'],
  ['real corpus (docker-products)', [join(corpus, 'docker-products')], '/'],
  ['absolute', [join(root, 'examples/broken')], '/'],
  ['served, absolute', [join(root, 'tests/fixtures/served/deployment'), join(root, 'tests/fixtures/pki/wb-fullchain.pem'), join(root, 'tests/fixtures/served/captures/s_client-wrong-name.txt')], '/'],
];

for (const [name, args, cwd] of cases) {
  test(`the reference validator accepts the SARIF of ${name} paths`, () => {
    const { sarif, findings, text } = validate(name.replace(/\W+/g, '-'), args, cwd);
    assert.ok(sarif.runs[0].results.length > 0, 'the case has results to validate');
    assert.deepEqual(findings, [], text);
    // Until the project has a public address, the documentation installed with the binary (here the
    // source tree's README, the binary being target/release's).
    assert.equal(sarif.runs[0].tool.driver.informationUri, `file://${join(root, 'README.md')}`);
  });
}

test('absolute paths are file:// URIs, relative ones stay relative', () => {
  const abs = validate('uris-abs', [join(root, 'examples/broken')], '/').sarif;
  const rel = validate('uris-rel', ['examples/broken'], root).sarif;
  const uriOf = (s) => s.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
  assert.match(uriOf(abs), /^file:\/\/\/.*\/examples\/broken\//);
  assert.match(uriOf(rel), /^examples\/broken\//);
  execFileSync(cli, ['--version']);
});

test('symptoms are results on the pasted file\'s line, under their own descriptor', () => {
  const { sarif } = validate('symptoms', ['examples/broken'], root);
  const run = sarif.runs[0];
  const symptoms = run.results.filter((r) => r.ruleId === 'symptom');
  assert.equal(symptoms.length, 3);
  assert.equal(run.tool.driver.rules[symptoms[0].ruleIndex].id, 'symptom');
  for (const s of symptoms) {
    const loc = s.locations[0].physicalLocation;
    assert.equal(loc.artifactLocation.uri, 'examples/broken/ticket.txt');
    assert.ok(loc.region.startLine > 0);
    assert.ok(['a', 'b', 'c'].includes(s.properties.channel));
    assert.ok(s.properties.confirmedBy.length > 0);
  }
});
