// The limiter's rules, on a real Redis (the rules are a Lua script) with an injected clock: every
// expectation is exact, nothing waits on real time.
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { createChannelLimiter, IN_FLIGHT_MS, type Grant } from '../../../src/jobs/channel-limiter.js';
import { uniqueName } from '../../support/db.js';

describe('the Redis rate limiter used right before each send', () => {
  const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  const prefixes: string[] = [];
  /** A limiter on its own keys, whose clock the test moves. */
  function limiterAt(start = 1_000_000) {
    const prefix = `{${uniqueName('limits')}}`;
    prefixes.push(prefix);
    const clock = { now: start };
    return { clock, limiter: createChannelLimiter(redis, prefix, { now: () => clock.now }) };
  }
  afterAll(async () => {
    for (const prefix of prefixes) {
      const keys = await redis.keys(`${prefix}*`);
      if (keys.length) await redis.del(...keys);
    }
    await redis.quit();
  });

  it('lets at most `max` sends through in a window and says exactly how long the next one must wait', async () => {
    const { clock, limiter } = limiterAt();
    const global = { max: 3, windowMs: 1_000 };
    for (const [i, channel] of ['a', 'b', 'c'].entries()) {
      clock.now = 1_000_000 + i * 100;
      const grant = await limiter.acquire([{ key: 'g', rule: global }], [], channel);
      expect(grant.wait).toBe(0);
      await grant.done();
    }
    clock.now = 1_000_500;
    // The oldest send was answered at 1,000,000: a fourth may go a window after that.
    expect((await limiter.acquire([{ key: 'g', rule: global }], [], 'd')).wait).toBe(500);
    clock.now = 1_001_000;
    expect((await limiter.acquire([{ key: 'g', rule: global }], [], 'd')).wait).toBe(0);
  });

  it('counts a send from its grant until a window after its answer: a slow request holds its place all along', async () => {
    const { clock, limiter } = limiterAt();
    const dm = { max: 1, windowMs: 1_100 };
    const first = await limiter.acquire([{ key: 'd:T1:U1', rule: dm }], [], 'n1');
    expect(first.wait).toBe(0);
    // Five seconds later the request is still out (a stalled loop, a slow platform): the DM waits.
    clock.now += 5_000;
    expect((await limiter.acquire([{ key: 'd:T1:U1', rule: dm }], [], 'n2')).wait).toBe(1_100);
    await first.done();
    clock.now += 1_099;
    expect((await limiter.acquire([{ key: 'd:T1:U1', rule: dm }], [], 'n2')).wait).toBe(1);
    clock.now += 1;
    expect((await limiter.acquire([{ key: 'd:T1:U1', rule: dm }], [], 'n2')).wait).toBe(0);
  });

  it('a send whose sender died without an answer stops counting after IN_FLIGHT_MS and one window', async () => {
    const { clock, limiter } = limiterAt();
    const dm = { max: 1, windowMs: 1_000 };
    expect((await limiter.acquire([{ key: 'd:lost', rule: dm }], [], 'lost')).wait).toBe(0);
    clock.now += IN_FLIGHT_MS + 999;
    expect((await limiter.acquire([{ key: 'd:lost', rule: dm }], [], 'next')).wait).toBe(1);
    clock.now += 1;
    expect((await limiter.acquire([{ key: 'd:lost', rule: dm }], [], 'next')).wait).toBe(0);
  });

  it('counts nothing when one rule is full, so a blocked send does not use up another rule', async () => {
    const { limiter } = limiterAt();
    const perChannel = { max: 1, windowMs: 60_000 };
    const global = { max: 1, windowMs: 60_000 };
    expect((await limiter.acquire([{ key: 'c:x', rule: perChannel }, { key: 'g', rule: global }], [], 'x')).wait).toBe(0);
    expect((await limiter.acquire([{ key: 'c:e', rule: perChannel }, { key: 'g', rule: global }], [], 'e')).wait).toBeGreaterThan(0);
    expect((await limiter.acquire([{ key: 'c:e', rule: perChannel }], [], 'e')).wait).toBe(0);
  });

  it('after a 429, blocks the whole workspace for Retry-After: every channel of it waits, other workspaces do not', async () => {
    const { clock, limiter } = limiterAt();
    const rule = { max: 5, windowMs: 1_000 };
    await limiter.block(['c:T1:f', 'w:T1'], 30_000);
    clock.now += 10_000;
    expect((await limiter.acquire([{ key: 'c:T1:g', rule }], ['c:T1:g', 'w:T1'], 'g')).wait).toBe(20_000);
    expect((await limiter.acquire([{ key: 'c:T2:g', rule }], ['c:T2:g', 'w:T2'], 'g')).wait).toBe(0);
    // A shorter Retry-After meanwhile does not cut the block short.
    await limiter.block(['w:T1'], 1_000);
    expect((await limiter.acquire([{ key: 'c:T1:h', rule }], ['c:T1:h', 'w:T1'], 'h')).wait).toBe(20_000);
    clock.now += 20_000;
    expect((await limiter.acquire([{ key: 'c:T1:g', rule }], ['c:T1:g', 'w:T1'], 'g')).wait).toBe(0);
  });

  it('lets everything through without asking Redis when no rule applies (rate limits off)', async () => {
    const { limiter } = limiterAt();
    const grant = await limiter.acquire([{ key: 'c:a', rule: undefined }], [], 'x');
    expect(grant.wait).toBe(0);
    await grant.done();
  });

  it('holds the caps as sent and as received whatever the stalls and delays between grant, request and answer', async () => {
    // 300 messages to 100 DMs of one workspace, all due at once, each sender asking again when
    // told to wait. Between grant and request: a stall of up to 300 ms; the request takes up to
    // 80 ms to arrive and the answer up to 80 ms more. Seeded, so every run is the same.
    const { clock, limiter } = limiterAt(0);
    const DMS = 100;
    const workspace = { max: 45, windowMs: 1_000 };
    const perDm = { max: 1, windowMs: 1_100 };
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    type Event = { at: number; n: number; grant?: Grant };
    const events: Event[] = Array.from({ length: 300 }, (_, n) => ({ at: Math.floor(random() * 50), n }));
    const sent: { n: number; at: number }[] = [];
    const received: { n: number; at: number }[] = [];
    while (events.length) {
      events.sort((a, b) => a.at - b.at);
      const event = events.shift()!;
      clock.now = event.at;
      if (event.grant) {
        await event.grant.done();
        continue;
      }
      const grant = await limiter.acquire([{ key: `d:T:U${event.n % DMS}`, rule: perDm }, { key: 'w:T', rule: workspace }], [], `m${event.n}`);
      if (grant.wait > 0) {
        events.push({ at: event.at + grant.wait, n: event.n });
        continue;
      }
      const leaves = event.at + Math.floor(random() * 300);
      const arrives = leaves + Math.floor(random() * 80);
      sent.push({ n: event.n, at: leaves });
      received.push({ n: event.n, at: arrives });
      events.push({ at: arrives + Math.floor(random() * 80), n: event.n, grant });
    }
    const mostInAnySecond = (list: { at: number }[]) => {
      const times = list.map((e) => e.at).sort((a, b) => a - b);
      let most = 0;
      for (let i = 0, j = 0; j < times.length; j++) {
        while (times[j]! - times[i]! >= 1_000) i++;
        most = Math.max(most, j - i + 1);
      }
      return most;
    };
    const closestToOneDm = (list: { n: number; at: number }[]) => {
      let closest = Infinity;
      for (let dm = 0; dm < DMS; dm++) {
        const times = list.filter((e) => e.n % DMS === dm).map((e) => e.at).sort((a, b) => a - b);
        for (let i = 1; i < times.length; i++) closest = Math.min(closest, times[i]! - times[i - 1]!);
      }
      return closest;
    };
    expect(sent).toHaveLength(300);
    expect(mostInAnySecond(sent)).toBeLessThanOrEqual(45);
    expect(mostInAnySecond(received)).toBeLessThanOrEqual(45);
    expect(closestToOneDm(sent)).toBeGreaterThanOrEqual(1_100);
    expect(closestToOneDm(received)).toBeGreaterThanOrEqual(1_100);
    // The cap binds (not a test that passes by sending slowly): some second is full.
    expect(mostInAnySecond(received)).toBeGreaterThanOrEqual(30);
  });
});
