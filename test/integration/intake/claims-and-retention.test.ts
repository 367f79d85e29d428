// The intake's claims against Postgres: a lease keeps a request from a second replayer until it
// runs out, a request given up after its attempts stays given up, and the cleanup job's retention
// deletes what is a day old.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../../src/app/services.js';
import { createTestServices } from '../../support/services.js';

describe('durable intake: claims and retention', () => {
  let services: Services;
  beforeAll(async () => {
    services = await createTestServices();
  });
  afterAll(() => services?.close());

  const id = () => `slack:TCLAIM:${randomBytes(6).toString('hex')}`;
  /** Written down by a process that then died (it holds it no more). */
  const write = async (requestId: string, receivedAt: Date) => {
    await services.intake.record({ id: requestId, platform: 'slack', workspace: 'TCLAIM', payload: { command: '/mentor', text: 'help' }, receivedAt });
    services.intake.release(requestId);
  };
  /** Claims as a replayer would at `now`, keeping only this test's rows. */
  const claimAt = async (now: Date, mine: string[], maxAttempts = 3) =>
    (await services.intake.claim({ receivedBefore: new Date(now.getTime() - 20_000), now, leaseMs: 60_000, limit: 1000, maxAttempts })).filter((r) => mine.includes(r.id));

  it('leases a claimed request, gives it again once the lease ran out, and stops after the last attempt', async () => {
    const requestId = id();
    const t0 = new Date(Date.now() - 5 * 60_000);
    await write(requestId, t0);
    // Within the grace period: not yet.
    expect(await claimAt(new Date(t0.getTime() + 10_000), [requestId])).toEqual([]);
    const at = new Date(t0.getTime() + 30_000);
    const [claimed] = await claimAt(at, [requestId]);
    expect(claimed).toMatchObject({ id: requestId, attempts: 1, payload: { command: '/mentor', text: 'help' } });
    // Leased: a second replayer gets nothing, even at once.
    expect(await claimAt(at, [requestId])).toEqual([]);
    expect(await claimAt(new Date(at.getTime() + 59_000), [requestId])).toEqual([]);
    // The first replayer died (it holds it no more): after the lease, another takes it.
    services.intake.release(requestId);
    expect((await claimAt(new Date(at.getTime() + 61_000), [requestId], 2)).map((r) => r.attempts)).toEqual([2]);
    services.intake.release(requestId);
    // Two attempts allowed: given up.
    expect(await claimAt(new Date(at.getTime() + 200_000), [requestId], 2)).toEqual([]);
  });

  it('never gives out a request that was answered', async () => {
    const requestId = id();
    const t0 = new Date(Date.now() - 5 * 60_000);
    await write(requestId, t0);
    await services.intake.answered(requestId, new Date(t0.getTime() + 1_000));
    expect(await claimAt(new Date(t0.getTime() + 30_000), [requestId])).toEqual([]);
  });

  it('the cleanup job forgets requests older than a day and keeps the rest', async () => {
    const old = id();
    const recent = id();
    await write(old, new Date(Date.now() - 26 * 3_600_000));
    await write(recent, new Date(Date.now() - 3_600_000));
    await services.jobStore.forgetInboundRequestsBefore(new Date(Date.now() - 86_400_000));
    const left = await services.prisma.inboundRequest.findMany({ where: { id: { in: [old, recent] } }, select: { id: true } });
    expect(left.map((r) => r.id)).toEqual([recent]);
  });

  it('keeps the lease of a request this process still works on ahead of every replayer, until it is answered', async () => {
    const held = await createTestServices(undefined, { TRELLIS_REPLAY_AFTER_SECONDS: '1' });
    try {
      const requestId = id();
      // Received long ago, still queued in this (live) process.
      await held.intake.record({ id: requestId, platform: 'slack', workspace: 'TCLAIM', payload: {}, receivedAt: new Date(Date.now() - 60_000) });
      // The heartbeat (a quarter of the 1 s grace) pushes its lease ahead.
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(await claimAt(new Date(), [requestId])).toEqual([]);
      await held.intake.answered(requestId, new Date());
      expect(await claimAt(new Date(Date.now() + 5_000), [requestId])).toEqual([]);
      expect((await services.prisma.inboundRequest.findUniqueOrThrow({ where: { id: requestId } })).answeredAt).not.toBeNull();
    } finally {
      await held.close();
    }
  });
});
