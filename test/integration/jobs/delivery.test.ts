import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../../src/platform/delivery-error.js';
import { message, type Outbound } from '../../../src/core/messages/model.js';
import { jobIdFor } from '../../../src/jobs/config.js';
import type { NudgeEngine } from '../../../src/jobs/engine.js';
import { createHarness, fakePlatform, keysOf, seeder, type Harness } from './harness.js';

let h: Harness;
afterEach(() => h?.close());

const rowsOf = (harness: Harness) => harness.services.prisma.plannedNudge.findMany({ where: { refs: { path: ['workspaceId'], equals: harness.workspaceId } }, orderBy: { key: 'asc' } });

/** A trainee whose week-1 reflection prompt is due at 2026-03-05 09:00 UTC. */
async function traineeDueThursday(harness: Harness, handle = 'ana', extra: Parameters<ReturnType<typeof seeder>['person']>[0] = { handle }) {
  const seed = seeder(harness);
  const program = await seed.program();
  const person = await seed.person({ ...extra, handle });
  const enrollment = await seed.enrollment(program.id, person.id, 'mentee', '2026-03-02');
  return { person, enrollment, program };
}

describe('transient and final delivery failures', () => {
  it('retries a transient failure with backoff and sends once it goes through', async () => {
    h = await createHarness('2026-03-05T08:59:00Z');
    const failures = new Map<string, number>();
    const fake = fakePlatform(h.clock, (key) => {
      const n = failures.get(key!) ?? 0;
      failures.set(key!, n + 1);
      if (n < 2) throw new DeliveryError('Slack answered 503', true);
    });
    await traineeDueThursday(h);
    const engine = await h.engine([fake.runtime]);
    h.clock.set('2026-03-05T09:00:00Z');
    await engine.runDue();
    const reflection = (await rowsOf(h)).find((r) => r.key.startsWith('reflection:'))!;
    expect(keysOf(fake.sent).filter((k) => k.startsWith('reflection:'))).toEqual([reflection.key]);
    expect(reflection).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
  });

  it('honours Retry-After from a 429 before trying again', async () => {
    h = await createHarness('2026-03-05T08:59:00Z');
    const attempts: number[] = [];
    const fake = fakePlatform(h.clock, (key) => {
      if (!key?.startsWith('reflection:')) return;
      attempts.push(Date.now());
      if (attempts.length === 1) throw new DeliveryError('rate limited', true, 400);
    });
    await traineeDueThursday(h);
    const engine = await h.engine([fake.runtime], { backoffMs: 1 });
    h.clock.set('2026-03-05T09:00:00Z');
    await engine.runDue();
    expect(attempts).toHaveLength(2);
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(390);
  });

  it('gives up at once on a final failure and records why', async () => {
    h = await createHarness('2026-03-05T08:59:00Z');
    let calls = 0;
    const fake = fakePlatform(h.clock, () => {
      calls++;
      throw new DeliveryError('channel_not_found', false);
    });
    await traineeDueThursday(h);
    const engine = await h.engine([fake.runtime]);
    h.clock.set('2026-03-05T09:00:00Z');
    await engine.runDue();
    const rows = await rowsOf(h);
    // Only the reflection is due (the week's supervision reminder lies beyond the 48 h lookback).
    expect(rows.filter((r) => r.dueAt <= h.clock.now()).map((r) => [r.kind, r.status, r.lastError, r.attempts])).toEqual([
      ['reflection', 'failed', 'channel_not_found', 1],
    ]);
    expect(calls).toBe(1);
  });
});

/** What a command does: writes its messages to the outbox in a transaction; then the relay's part, enqueueing them. */
async function writeOutbox(harness: Harness, engine: NudgeEngine, items: Outbound[], origin?: string): Promise<string[]> {
  const keys = await harness.services.store.transaction((store) => store.outbox.write(items, { at: harness.clock.now(), origin }));
  await engine.enqueue(keys);
  return keys;
}

describe('the outbox', () => {
  it('delivers each message once even when one request writes it twice, with only the key in Redis and the text sealed in Postgres', async () => {
    h = await createHarness('2026-03-05T09:00:00Z');
    const { person } = await traineeDueThursday(h);
    const fake = fakePlatform(h.clock);
    const producer = await h.engine([fake.runtime], {}, false);
    const items = [
      { to: { kind: 'person' as const, personId: person.id }, message: message('Mo logged a 45-minute call with you. Confirm?') },
      { to: { kind: 'channel' as const, workspaceId: h.workspaceId, channelId: 'C42' }, message: message('A new cohort meeting was scheduled.') },
    ];
    await writeOutbox(h, producer, items, 'trigger-123');
    await writeOutbox(h, producer, items, 'trigger-123');
    const rows = (await rowsOf(h)).filter((r) => r.kind === 'outbound');
    expect(rows).toHaveLength(2);
    expect(JSON.stringify(rows.map((r) => r.refs))).not.toContain('Confirm');
    // Routed once, as written: the person's DM and the channel, both through this Slack workspace.
    expect(rows.map((r) => [r.platform, r.workspaceId, (r.target as { kind: string }).kind]).sort()).toEqual([['slack', h.workspaceId, 'channel'], ['slack', h.workspaceId, 'dm']]);
    const job = await producer.queueFor('slack', h.workspaceId)!.getJob(jobIdFor(rows[0]!.key));
    expect(job!.data).toEqual({ key: rows[0]!.key });

    const worker = await h.engine([fake.runtime]);
    await worker.runDue();
    expect(fake.sent.filter((s) => s.key?.startsWith('outbound:')).map((s) => [s.to, s.text])).toEqual(
      expect.arrayContaining([
        ['ana', 'Mo logged a 45-minute call with you. Confirm?'],
        ['#C42', 'A new cohort meeting was scheduled.'],
      ]),
    );
    expect(fake.sent.filter((s) => s.key?.startsWith('outbound:'))).toHaveLength(2);
  });

  it('fails a message nobody can be reached by, saying why, and a message for a platform no process here runs', async () => {
    h = await createHarness('2026-03-05T09:00:00Z');
    const seed = seeder(h);
    const gone = await seed.person({ handle: 'gone' });
    await h.services.prisma.identity.deleteMany({ where: { personId: gone.id } });
    const discordSpace = await h.services.prisma.workspace.create({ data: { platform: 'discord', externalId: `G-${h.workspaceId}`, name: 'Elsewhere' } });
    const fake = fakePlatform(h.clock);
    const engine = await h.engine([fake.runtime]);
    const keys = await writeOutbox(h, engine, [
      { to: { kind: 'person', personId: gone.id }, message: message('Nobody reads this') },
      { to: { kind: 'channel', workspaceId: discordSpace.id, channelId: 'C1' }, message: message('No Discord here') },
    ]);
    await engine.waitFor(keys);
    const rows = await h.services.prisma.plannedNudge.findMany({ where: { key: { in: keys } }, orderBy: { key: 'asc' } });
    expect(rows.map((r) => [r.status, r.lastError])).toEqual([
      ['failed', expect.stringMatching(/nobody can be reached/)],
      ['failed', expect.stringMatching(/no running platform/)],
    ]);
    expect(fake.sent).toEqual([]);
  });
});

describe('per-channel rate limits', () => {
  it('spaces messages to one DM by the per-channel window, without holding up other people', async () => {
    h = await createHarness('2026-03-05T09:00:00Z');
    const a = await traineeDueThursday(h, 'ana');
    const b = await seeder(h).person({ handle: 'bea' });
    const times: Record<string, number[]> = { ana: [], bea: [] };
    const fake = fakePlatform(h.clock);
    const original = fake.runtime.send.bind(fake.runtime);
    fake.runtime.send = async (target, msg, options) => {
      if (target.kind === 'dm') times[target.userExternalId]?.push(Date.now());
      return original(target, msg, options);
    };
    const engine = await h.engine([fake.runtime], { rateLimits: true, limits: { slack: { perChannel: { max: 1, windowMs: 400 } }, discord: {}, console: {} } });
    await writeOutbox(h, engine, [1, 2, 3].map((n) => ({ to: { kind: 'person' as const, personId: a.person.id }, message: message(`note ${n}`) })), 'burst-a');
    await writeOutbox(h, engine, [{ to: { kind: 'person' as const, personId: b.id }, message: message('hello') }], 'burst-b');
    await engine.runDue();
    // Ana: three outbound messages plus her reflection prompt, due now.
    const gaps = times.ana!.slice(1).map((t, i) => t - times.ana![i]!);
    expect(times.ana).toHaveLength(4);
    // The limiter counts when a delivery starts; the platform call follows a database lookup,
    // so arrival gaps may shrink by that lookup's jitter — but never collapse into a burst.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(300);
    expect(times.bea).toHaveLength(1);
  });
});

describe('quiet hours and pauses at delivery time', () => {
  it('moves a nudge that comes due inside newly set quiet hours to their end, and sends it then', async () => {
    h = await createHarness('2026-03-05T08:00:00Z');
    const { person } = await traineeDueThursday(h);
    const fake = fakePlatform(h.clock);
    const engine = await h.engine([fake.runtime]);
    await engine.runDue();
    fake.sent.length = 0;
    await h.services.prisma.person.update({ where: { id: person.id }, data: { quietStartMinute: 8 * 60 + 30, quietEndMinute: 10 * 60 } });
    h.clock.set('2026-03-05T09:00:00Z');
    await engine.runDue();
    expect(fake.sent).toEqual([]);
    h.clock.set('2026-03-05T10:00:00Z');
    await engine.runDue();
    expect(fake.sent.map((s) => [s.key?.split(':')[0], s.at.toISOString()])).toEqual([['reflection', '2026-03-05T10:00:00.000Z']]);
  });

  it('sends nothing while paused, and on resuming sends the held reflection, its week not being over', async () => {
    h = await createHarness('2026-03-05T08:00:00Z');
    const { enrollment } = await traineeDueThursday(h);
    const fake = fakePlatform(h.clock);
    const engine = await h.engine([fake.runtime]);
    const db = h.services.prisma;
    await engine.runDue();
    fake.sent.length = 0;
    const pause = await db.pauseInterval.create({ data: { enrollmentId: enrollment.id, startedAt: new Date('2026-03-05T08:30:00Z') } });
    await db.enrollment.update({ where: { id: enrollment.id }, data: { status: 'paused' } });
    h.clock.set('2026-03-05T09:00:00Z');
    await engine.runDue();
    expect(fake.sent).toEqual([]);
    expect((await rowsOf(h)).find((r) => r.key.startsWith('reflection:'))).toMatchObject({ status: 'cancelled', lastError: 'paused' });

    h.clock.set('2026-03-07T08:30:00Z');
    await db.pauseInterval.update({ where: { id: pause.id }, data: { endedAt: h.clock.now() } });
    await db.enrollment.update({ where: { id: enrollment.id }, data: { status: 'active' } });
    await engine.runDue();
    // Two paused midnights (6 and 7 March) stretch week 1 to 10 March, so its prompt still applies.
    expect(fake.sent.map((s) => [s.key?.split(':')[0], s.at.toISOString()])).toEqual([['reflection', '2026-03-07T08:30:00.000Z']]);
  });
});
