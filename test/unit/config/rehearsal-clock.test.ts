import { describe, expect, it } from 'vitest';
import { loadEnv } from '../../../src/config/env.js';
import { clockFromEnv, rehearsalClock } from '../../../src/app/rehearsal-clock.js';
import { engineConfig, timingsForRate } from '../../../src/jobs/config.js';

const CLOCK = { TRELLIS_CLOCK_FROM: '2026-03-02T00:00:00Z', TRELLIS_CLOCK_SINCE: '1780000000000', TRELLIS_CLOCK_RATE: '14400' };

describe('rehearsal clock', () => {
  it('is read from all three variables and runs rate program ms per real ms from FROM at SINCE', () => {
    const env = loadEnv(CLOCK);
    expect(env.TRELLIS_CLOCK_RATE).toBe(14_400);
    const clock = rehearsalClock({ from: new Date(env.TRELLIS_CLOCK_FROM!), since: env.TRELLIS_CLOCK_SINCE!, rate: env.TRELLIS_CLOCK_RATE! }, () => 1_780_000_000_000 + 1_500);
    // 1.5 real seconds at 14,400× are 6 program hours.
    expect(clock.now().toISOString()).toBe('2026-03-02T06:00:00.000Z');
    expect(clock.rate).toBe(14_400);
    const before = rehearsalClock({ from: new Date('2026-03-02T00:00:00Z'), since: 1_000_000, rate: 2 }, () => 999_000);
    expect(before.now().toISOString()).toBe('2026-03-01T23:59:58.000Z');
  });

  it('is the system clock without the variables', () => {
    const clock = clockFromEnv(loadEnv({}));
    expect(clock.rate).toBeUndefined();
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1_000);
  });

  it('refuses one or two of the three, naming the missing one, and refuses production', () => {
    expect(() => loadEnv({ TRELLIS_CLOCK_FROM: CLOCK.TRELLIS_CLOCK_FROM, TRELLIS_CLOCK_RATE: '10' })).toThrow('Configuration error: TRELLIS_CLOCK_SINCE is missing');
    expect(() => loadEnv({ TRELLIS_CLOCK_RATE: '10' })).toThrow('TRELLIS_CLOCK_FROM is missing');
    expect(() => loadEnv({ ...CLOCK, TRELLIS_CLOCK_RATE: '0' })).toThrow('TRELLIS_CLOCK_RATE must be more than 0');
    expect(() => loadEnv({ ...CLOCK, TRELLIS_CLOCK_FROM: 'next monday' })).toThrow('TRELLIS_CLOCK_FROM must be an ISO instant');
    expect(() => loadEnv({ ...CLOCK, NODE_ENV: 'production', TRELLIS_ENCRYPTION_KEY: '07'.repeat(32), TRELLIS_PUBLIC_URL: 'https://t.example.org' })).toThrow('refused in production');
  });
});

describe('engine timings for a fast clock', () => {
  it('keep the defaults at real speed', () => {
    expect(timingsForRate(undefined)).toEqual({});
    expect(timingsForRate(1)).toEqual({});
  });

  it('fit each cadence inside its horizon at 14,400×', () => {
    const rate = 14_400;
    const c = engineConfig({ prefix: '{t}', ...timingsForRate(rate) });
    // The planner runs at least four times per planned horizon (real ms vs program ms / rate).
    expect(c.planEveryMs * 4).toBeLessThanOrEqual(c.planHorizonMs / rate);
    // Dispatch runs at least four times per dispatch horizon.
    expect(c.dispatchEveryMs * 4).toBeLessThanOrEqual(c.dispatchHorizonMs / rate);
    expect(c.reconcileEveryMs).toBeLessThanOrEqual(5_000);
    expect(c.leaseMs).toBeLessThan(60_000);
    expect(c.stalledIntervalMs).toBeLessThan(c.lockDurationMs);
  });
});
