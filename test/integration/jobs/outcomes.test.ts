// Every delivery job ends in exactly one outcome, decided once and carried out in one place
// (src/jobs/settle.ts): the row's status, what BullMQ is told, and the `observe` hook — with
// fakes for Postgres, the platform and the limiter, so each path is checked on its own.
// (In the integration project only because it imports BullMQ's error classes; it touches no database or Redis.)
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { engineConfig } from '../../../src/jobs/config.js';
import { createDeliveryProcessor, type DeliveryOutcome, type FollowUp } from '../../../src/jobs/deliver-job.js';
import type { ChannelLimiter } from '../../../src/jobs/channel-limiter.js';
import type { ClaimedNudge, FinishedNudge, NudgeRepository } from '../../../src/jobs/ports.js';
import { DeliveryError } from '../../../src/platform/delivery-error.js';
import type { Recall, SendOptions } from '../../../src/platform/contract.js';

const NOW = new Date('2026-06-01T09:00:00Z');

function row(key: string, patch: Partial<ClaimedNudge> = {}): ClaimedNudge {
  return {
    key,
    kind: 'outbound',
    personId: 'p1',
    channel: null,
    dueAt: NOW,
    status: 'claimed',
    attempts: 1,
    refs: {},
    lastError: null,
    route: { platform: 'slack', workspaceId: 'w1', target: { kind: 'dm', identityId: 'i1', workspaceExternalId: 'T1', userExternalId: 'U1' } },
    dmChannelId: 'D1',
    message: { text: 'Your call is confirmed.', blocks: [] },
    sendingAt: null,
    ...patch,
  };
}

function setup(options: { rows: ClaimedNudge[]; send?: (options?: SendOptions & { idempotencyKey?: string }) => Promise<void>; recall?: () => Promise<Recall | null>; wait?: (key: string) => number; stored?: { status: string; dueAt: Date } }) {
  const finished: FinishedNudge[] = [];
  const claimCalls: string[][] = [];
  const followUps: FollowUp[] = [];
  const released: string[] = [];
  /** Keys released after a platform call that may have reached the platform. */
  const maybeSent: string[] = [];
  const recalled: { key: string; since: Date }[] = [];
  const observed: DeliveryOutcome['kind'][] = [];
  const delayed: number[] = [];
  const nudges = {
    claimDueMany: async (keys: string[]) => (claimCalls.push(keys), options.rows.filter((r) => keys.includes(r.key))),
    finishMany: async (rows: FinishedNudge[]) => void finished.push(...rows),
    release: async (key: string, _reason?: string, mayHaveSent?: boolean) => void (released.push(key), mayHaveSent && maybeSent.push(key)),
    get: async (key: string) => (options.stored ? { key, ...options.stored } : null),
  } as unknown as NudgeRepository;
  const limiter: ChannelLimiter = {
    acquire: async (_limits, _blocks, key) => ({ wait: options.wait?.(key) ?? 0, done: async () => undefined }),
    block: async () => undefined,
  };
  const process = createDeliveryProcessor({
    platform: 'slack',
    nudges,
    loadFacts: async (_view, now) => ({ now }),
    delivery: {
      prepare: () => options.send ?? (async () => undefined),
      recall: async (_routed, key, since) => (recalled.push({ key, since }), options.recall ? options.recall() : null),
    },
    limiter,
    clock: { now: () => NOW },
    config: engineConfig({ prefix: '{t}', rateLimits: true }),
    logger: pino({ level: 'silent' }),
    observe: (outcome) => void observed.push(outcome.kind),
    followUp: async (jobs) => void followUps.push(...jobs),
  });
  const job = (key: string, attemptsMade = 0) =>
    ({ data: { key }, attemptsMade, opts: { attempts: 3 }, moveToDelayed: async (at: number) => void delayed.push(at) }) as unknown as Job;
  const batch = (keys: string[]) => ({ data: { keys, at: NOW.getTime() }, attemptsMade: 0, opts: { attempts: 3 } }) as unknown as Job;
  return { process, job, batch, finished, released, maybeSent, recalled, observed, delayed, claimCalls, followUps };
}

describe('one outcome per delivery, carried out in one place', () => {
  it('sent: the row is marked sent before the job completes', async () => {
    const t = setup({ rows: [row('a')] });
    await expect(t.process(t.job('a'))).resolves.toBe('sent');
    expect(t.finished).toEqual([{ key: 'a', status: 'sent', reason: null }]);
    expect(t.observed).toEqual(['sent']);
  });

  it('skipped: a nudge whose person is gone is marked skipped with why, and the job ends for good', async () => {
    const t = setup({ rows: [row('b', { kind: 'reflection', message: null, refs: { enrollmentId: 'e1', week: 3 } })] });
    await expect(t.process(t.job('b'))).rejects.toThrow(new UnrecoverableError('skipped: person withdrawn'));
    expect(t.finished).toEqual([{ key: 'b', status: 'skipped', reason: 'person withdrawn' }]);
    expect(t.observed).toEqual(['skipped']);
  });

  it('deferred: over a rate limit, the claim is given back and the job waits', async () => {
    const t = setup({ rows: [row('c')], wait: () => 700 });
    await expect(t.process(t.job('c'))).rejects.toBeInstanceOf(DelayedError);
    expect(t.released).toEqual(['c']);
    expect(t.delayed).toHaveLength(1);
    expect(t.finished).toEqual([]);
    expect(t.observed).toEqual(['deferred']);
  });

  it('retried, then failed: a transient error gives the claim back while attempts remain, and fails the row on the last', async () => {
    const t = setup({ rows: [row('d')], send: async () => Promise.reject(new DeliveryError('slack: 503', true)) });
    await expect(t.process(t.job('d', 0))).rejects.toThrow('slack: 503');
    expect(t.released).toEqual(['d']);
    await expect(t.process(t.job('d', 2))).rejects.toThrow(new UnrecoverableError('slack: 503'));
    expect(t.finished).toEqual([{ key: 'd', status: 'failed', reason: 'slack: 503' }]);
    expect(t.observed).toEqual(['retried', 'failed']);
  });

  it('finished: a job whose row another worker already ended does nothing', async () => {
    const t = setup({ rows: [], stored: { status: 'sent', dueAt: NOW } });
    await expect(t.process(t.job('e'))).resolves.toBe('finished');
    expect(t.finished).toEqual([]);
    expect(t.released).toEqual([]);
    expect(t.observed).toEqual(['finished']);
  });

  it('a batch: one claim for all its keys, each row its own outcome, and what is not done goes on as one-row jobs', async () => {
    const t = setup({
      rows: [row('s1'), row('s2'), row('limited'), row('flaky'), row('gone', { kind: 'reflection', message: null, refs: { enrollmentId: 'e1', week: 3 } })],
      wait: (key) => (key === 'limited' ? 700 : 0),
      send: async (o) => {
        if (o?.idempotencyKey === 'flaky') throw new DeliveryError('slack: 503', true);
      },
    });
    await expect(t.process(t.batch(['s1', 's2', 'limited', 'flaky', 'gone', 'elsewhere']))).resolves.toEqual({ claimed: 5, followUps: 3 });
    expect(t.claimCalls).toEqual([['s1', 's2', 'limited', 'flaky', 'gone', 'elsewhere']]);
    expect(t.finished.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: 'gone', status: 'skipped', reason: 'person withdrawn' },
      { key: 's1', status: 'sent', reason: null },
      { key: 's2', status: 'sent', reason: null },
    ]);
    expect(t.released.sort()).toEqual(['flaky', 'limited']);
    const byKey = new Map(t.followUps.map((f) => [f.key, f]));
    // Not claimed here (another worker's, not due, already done): a one-row job finds out which, at once.
    expect(byKey.get('elsewhere')).toEqual({ key: 'elsewhere', delayMs: 0, attempts: 6 });
    // Rate limited: waits as long as the limiter said, not counted as an attempt.
    expect(byKey.get('limited')).toEqual({ key: 'limited', delayMs: 700, attempts: 6, claim: 1 });
    // A transient failure used one of its attempts and waits a backoff.
    expect(byKey.get('flaky')).toMatchObject({ key: 'flaky', attempts: 5, claim: 1 });
    expect(byKey.get('flaky')!.delayMs).toBeGreaterThan(0);
    expect(t.observed.sort()).toEqual(['deferred', 'retried', 'sent', 'sent', 'skipped']);
  });
});

describe('an earlier attempt that may have reached the platform', () => {
  const earlier = new Date('2026-06-01T08:58:00Z');

  it('a row without one is sent without asking the platform anything', async () => {
    const t = setup({ rows: [row('f')] });
    await expect(t.process(t.job('f'))).resolves.toBe('sent');
    expect(t.recalled).toEqual([]);
  });

  it('delivered: found on the platform, the row is marked sent without sending again', async () => {
    const sends: (SendOptions | undefined)[] = [];
    const t = setup({ rows: [row('g', { sendingAt: earlier })], recall: async () => ({ kind: 'delivered' }), send: async (o) => void sends.push(o) });
    await expect(t.process(t.job('g'))).resolves.toBe('sent');
    expect(t.recalled).toEqual([{ key: 'g', since: earlier }]);
    expect(sends).toEqual([]);
    expect(t.finished).toEqual([{ key: 'g', status: 'sent', reason: null }]);
  });

  it('partial: only the parts not found are sent; absent or unknown: sent in full', async () => {
    const sends: (SendOptions | undefined)[] = [];
    const send = async (o?: SendOptions) => void sends.push(o);
    const partial = setup({ rows: [row('h', { sendingAt: earlier })], recall: async () => ({ kind: 'partial', parts: [0, 1] }), send });
    await expect(partial.process(partial.job('h'))).resolves.toBe('sent');
    const unknown = setup({ rows: [row('i', { sendingAt: earlier })], recall: async () => ({ kind: 'unknown', reason: 'not_in_channel' }), send });
    await expect(unknown.process(unknown.job('i'))).resolves.toBe('sent');
    const discord = setup({ rows: [row('j', { sendingAt: earlier })], recall: async () => null, send });
    await expect(discord.process(discord.job('j'))).resolves.toBe('sent');
    expect(sends).toEqual([{ idempotencyKey: 'h', skipParts: [0, 1] }, { idempotencyKey: 'i' }, { idempotencyKey: 'j' }]);
  });

  it('a send that failed unclearly is remembered for the retry; a rate limit is not (nothing arrived)', async () => {
    const timeout = setup({ rows: [row('k')], send: async () => Promise.reject(new DeliveryError('Slack could not be reached', true)) });
    await expect(timeout.process(timeout.job('k'))).rejects.toThrow('Slack could not be reached');
    expect(timeout.maybeSent).toEqual(['k']);
    const limited = setup({ rows: [row('l')], send: async () => Promise.reject(new DeliveryError('Slack rate limit', true, 1_000)) });
    await expect(limited.process(limited.job('l'))).rejects.toThrow('Slack rate limit');
    expect(limited.released).toEqual(['l']);
    expect(limited.maybeSent).toEqual([]);
  });
});

describe('two jobs for one key at the claim step', () => {
  it('one claim statement answers both, and only one of them sends: the other finds the row taken', async () => {
    const sends: string[] = [];
    const t = setup({ rows: [row('same')], send: async (o) => void sends.push(o?.idempotencyKey ?? ''), stored: { status: 'claimed', dueAt: NOW } });
    // Three jobs in one turn share one claim statement, which claims the row once.
    const results = await Promise.allSettled([t.process(t.job('same')), t.process(t.job('same')), t.process(t.job('same'))]);
    expect(t.claimCalls).toEqual([['same']]);
    expect(sends).toEqual(['same']);
    expect(results.filter((r) => r.status === 'fulfilled' && r.value === 'sent')).toHaveLength(1);
  });
});
