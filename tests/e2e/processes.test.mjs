// A test that fails, is cancelled by the runner's timeout or is killed stops
// every process it started: `spawnOwned` (harness.mjs) ends the command's whole
// process group once the test file's process is gone, however it went.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { root } from './harness.mjs';

const harness = pathToFileURL(path.join(root, 'tests', 'e2e', 'harness.mjs')).href;

/** Whether any process of the group `pgid` is still running. */
const alive = (pgid) => {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Starts a node process (standing in for a test file) that starts `sleep`
 * through spawnOwned, under a shell that starts another `sleep` of its own
 * (as trunk starts cargo); ends it with `signal`; returns the group and
 * whether the group outlived it.
 */
async function endWith(signal) {
  const file = spawn(process.execPath, ['--input-type=module', '-e', `
    import { spawnOwned } from ${JSON.stringify(harness)};
    const { child } = spawnOwned('sh', ['-c', 'sleep 600 & sleep 600']);
    child.on('spawn', () => console.log(child.pid));
    setInterval(() => {}, 1000);
  `], { stdio: ['ignore', 'pipe', 'inherit'] });
  const pgid = await new Promise((ok, fail) => {
    file.stdout.once('data', (d) => ok(Number(String(d).trim())));
    file.once('exit', () => fail(new Error('the stand-in test file exited early')));
  });
  // The group is up: the watchdog shell and both sleeps.
  assert.ok(alive(pgid), 'the command started');
  file.kill(signal);
  await new Promise((ok) => file.once('exit', ok));
  // The watchdog looks once a second; a busy machine gets far more time than that.
  for (let i = 0; i < 600 && alive(pgid); i++) await new Promise((ok) => setTimeout(ok, 100));
  const outlived = alive(pgid);
  if (outlived) process.kill(-pgid, 'SIGKILL');
  return outlived;
}

test('a test file cancelled by the runner (SIGTERM) leaves no process behind', async () => {
  assert.equal(await endWith('SIGTERM'), false);
});

test('a test file killed outright (SIGKILL) leaves no process behind', async () => {
  assert.equal(await endWith('SIGKILL'), false);
});
