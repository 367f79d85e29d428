import { loadEnv } from '../../src/config/env.js';
import { createServices, type Services } from '../../src/app/services.js';
import type { Clock } from '../../src/core/ports/clock.js';
import { createTrellis, type CoreModules, type Trellis } from '../../src/core/trellis.js';
import { pino } from 'pino';
import { inject } from 'vitest';
import { testDatabaseUrl } from './db.js';

/** A settable clock for tests. */
export class TestClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
  }
}

/** The production services against the per-run test database, with a fixed encryption key. */
export async function createTestServices(clock: Clock = new TestClock(new Date('2026-03-02T09:00:00Z')), env: Record<string, string> = {}): Promise<Services> {
  const parsed = loadEnv({ DATABASE_URL: testDatabaseUrl(), REDIS_URL: inject('redisUrl'), TRELLIS_ENCRYPTION_KEY: '07'.repeat(32), LOG_LEVEL: 'silent', ...env });
  return createServices(parsed, pino({ level: 'silent' }), clock);
}

/**
 * A Trellis over the test services' store with other modules than the core's (e.g. the core plus
 * a test-only command), wired like the production one (outbox events included).
 */
export function trellisWith(services: Services, modules: CoreModules): Trellis {
  return createTrellis({ store: services.store, clock: services.clock, templates: services.templates, logger: services.logger, onOutboxWritten: services.outboxEvents.written, links: services.links }, modules);
}
