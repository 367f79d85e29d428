import { describe, expect, it } from 'vitest';
import { cleanEnv, finish, start, type Running } from './spawn.js';

function startSteps(steps: string, deadlineMs = 25_000, stepTimeoutMs = 10_000): Running {
  return start(['test/integration/processes/fixtures/shutdown-steps.ts', steps, String(deadlineMs), String(stepTimeoutMs)], cleanEnv({}));
}

async function ready(run: Running): Promise<void> {
  while (!run.stdout().includes('ready\n')) {
    if (run.child.exitCode !== null) throw new Error(run.stderr());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('shutdown on a signal', () => {
  it('runs the steps in order and exits 0 on SIGTERM', async () => {
    const run = startSteps('workers,server,connections');
    await ready(run);
    run.child.kill('SIGTERM');
    expect(await finish(run, 15_000)).toBe(0);
    expect(run.stdout()).toBe('ready\nstart workers\ndone workers\nstart server\ndone server\nstart connections\ndone connections\n');
  });

  it('does the same on SIGINT', async () => {
    const run = startSteps('workers,connections');
    await ready(run);
    run.child.kill('SIGINT');
    expect(await finish(run, 15_000)).toBe(0);
    expect(run.stdout()).toContain('done connections');
  });

  it('still closes the later steps when one fails, and exits 0', async () => {
    const run = startSteps('workers,fail,connections');
    await ready(run);
    run.child.kill('SIGTERM');
    expect(await finish(run, 15_000)).toBe(0);
    expect(run.stdout()).toContain('start fail\nstart connections\ndone connections\n');
  });

  it('skips a step that hangs past its own limit (a Redis that is down) and closes the rest', async () => {
    const run = startSteps('server,hang,connections', 20_000, 300);
    await ready(run);
    run.child.kill('SIGTERM');
    expect(await finish(run, 15_000)).toBe(0);
    expect(run.stdout()).toContain('start hang\nstart connections\ndone connections\n');
  });

  it('exits 1 when the whole shutdown outlives its deadline', async () => {
    const run = startSteps('hang,connections', 300, 10_000);
    await ready(run);
    run.child.kill('SIGTERM');
    expect(await finish(run, 15_000)).toBe(1);
    expect(run.stdout()).not.toContain('start connections');
  });

  it('exits 1 at once on a second signal', async () => {
    const run = startSteps('hang', 20_000, 10_000);
    await ready(run);
    run.child.kill('SIGTERM');
    while (!run.stdout().includes('start hang')) await new Promise((resolve) => setTimeout(resolve, 20));
    run.child.kill('SIGTERM');
    expect(await finish(run, 5_000)).toBe(1);
  });
});
