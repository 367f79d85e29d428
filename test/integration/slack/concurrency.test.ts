import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLimiter } from '../../../src/adapters/slack/limiter.js';
import { SlackTestApp } from './support/harness.js';
import { slashCommand } from './support/payloads.js';

describe('work after the ack is bounded', () => {
  it('runs at most the limit at once, the rest in arrival order', async () => {
    const limit = createLimiter(2);
    let running = 0;
    let peak = 0;
    const order: number[] = [];
    const releases: Array<() => void> = [];
    const tasks = [0, 1, 2, 3, 4].map((i) =>
      limit(async () => {
        running++;
        peak = Math.max(peak, running);
        order.push(i);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
      }),
    );
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setImmediate(r));
      releases.shift()?.();
    }
    await Promise.all(tasks);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('a burst of slash commands', () => {
  const slack = new SlackTestApp();
  beforeAll(() => slack.start());
  afterAll(() => slack.stop());

  it('acknowledges every one and answers every one, without exhausting the database pool', async () => {
    await slack.slash(slack.who('first'), 'help');
    const people = Array.from({ length: 60 }, (_, i) => slack.who(`p${i}`));
    slack.api.reset();
    const posted = await Promise.all(
      people.map((who) => slack.post(slashCommand(who, 'status', { responseUrl: slack.api.responseUrl() }), 'application/x-www-form-urlencoded', { wait: false })),
    );
    await slack.adapter.idle();
    expect(posted.map((p) => p.status)).toEqual(people.map(() => 200));
    expect(slack.api.responses).toHaveLength(60);
    expect(slack.api.responses.filter((r) => JSON.stringify(r.body).includes('went wrong'))).toEqual([]);
  });
});
