// The pre-commit hook (.pre-commit-hooks.yaml), through PyPI's pre-commit (`pre-commit try-repo`) on a
// scratch git repository holding a Workbench config folder: the broken example fails the commit with
// its findings, the correct one passes. pre-commit builds the CLI from this repository with cargo.
// Run by scripts/test (after scripts/lib.sh's ensure_python_tools): node --test tests/tools/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const preCommit = join(root, 'target/pytools/bin/pre-commit');

/** A git repository with `example` under roles/workbench/files, committed. */
function scratchRepo(example) {
  const dir = mkdtempSync(join(tmpdir(), 'wb-pre-commit-'));
  cpSync(join(root, 'examples', example), join(dir, 'roles/workbench/files'), { recursive: true, filter: (f) => !f.endsWith('.sh') });
  const git = (...args) => {
    const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  };
  git('init', '-q');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'configs');
  return dir;
}

function tryRepo(dir) {
  return spawnSync(preCommit, ['try-repo', root, 'wb-ssl-check', '--all-files', '--color', 'never'], {
    cwd: dir,
    encoding: 'utf8',
    // pre-commit keeps its environments (our CLI, built once) here between runs.
    env: { ...process.env, PRE_COMMIT_HOME: join(root, 'target/pre-commit-cache') },
  });
}

test('the hook fails a commit of the broken example, with its findings', { timeout: 900_000 }, () => {
  const r = tryRepo(scratchRepo('broken'));
  assert.notEqual(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /wb-ssl-check \(Posit Workbench SSL and Job Launcher configs\)\.+Failed/);
  assert.match(r.stdout, /error\[launcher-address-has-scheme\] roles\/workbench\/files\/rserver\.conf:8/);
});

test('the hook passes a commit of the correct example', { timeout: 900_000 }, () => {
  const r = tryRepo(scratchRepo('correct'));
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /wb-ssl-check \(Posit Workbench SSL and Job Launcher configs\)\.+Passed/);
});
