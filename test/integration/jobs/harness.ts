import { randomUUID } from 'node:crypto';
// Shared set-up for the nudge engine's integration tests: real Postgres and Redis, a workspace
// and queue prefix of the test's own, rows seeded directly with Prisma, and a fake platform
// runtime that records every send.
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import type { DeliveryTarget, PlatformRuntime, SendOptions } from '../../../src/platform/contract.js';
import type { Services } from '../../../src/app/services.js';
import type { Message } from '../../../src/core/messages/model.js';
import { findTemplate } from '../../../src/core/programs/load-templates.js';
import type { ProgramTemplate } from '../../../src/core/programs/template-schema.js';
import { engineConfig, type EngineConfig } from '../../../src/jobs/config.js';
import { createNudgeEngine, type NudgeEngine } from '../../../src/jobs/engine.js';
import { uniqueName } from '../../support/db.js';
import { createTestServices, TestClock } from '../../support/services.js';
import { deleteRedisPrefix } from '../../support/redis-prefix.js';

export interface Sent {
  key: string | undefined;
  to: string;
  text: string;
  /** The injected clock when the platform accepted it. */
  at: Date;
  message: Message;
}

/** A platform that accepts everything (or what `behaviour` says) and remembers it. */
export function fakePlatform(clock: TestClock, behaviour?: (key: string | undefined) => Promise<void> | void) {
  const sent: Sent[] = [];
  const runtime: PlatformRuntime = {
    platform: 'slack',
    async send(target: DeliveryTarget, message: Message, options?: SendOptions) {
      await behaviour?.(options?.idempotencyKey);
      sent.push({ key: options?.idempotencyKey, to: target.kind === 'dm' ? target.userExternalId : `#${target.channelId}`, text: message.text, at: clock.now(), message });
    },
    stop: async () => undefined,
  };
  return { runtime, sent };
}

export interface Harness {
  services: Services;
  clock: TestClock;
  prefix: string;
  workspaceId: string;
  redis: Redis;
  engines: NudgeEngine[];
  /** An engine over this test's workspace and prefix; started with workers unless told not to. */
  engine(platforms: PlatformRuntime[], config?: Partial<EngineConfig>, start?: boolean): Promise<NudgeEngine>;
  /** Deletes every Redis key of this test's prefix (what losing Redis looks like to us). Never FLUSHALL: others share the Redis. */
  flushRedis(): Promise<void>;
  close(): Promise<void>;
}

/** `platform`: the workspace's platform (Slack unless told; a Discord one gets a guild-like numeric id). */
export async function createHarness(start: string, options: { platform?: 'slack' | 'discord' } = {}): Promise<Harness> {
  const clock = new TestClock(new Date(start));
  const services = await createTestServices(clock);
  const prefix = `{${uniqueName('nudges')}}`;
  const platform = options.platform ?? 'slack';
  const externalId = platform === 'discord' ? `${Date.now()}${Math.floor(Math.random() * 1e6)}` : uniqueName('T');
  const workspace = await services.prisma.workspace.create({ data: { platform, externalId, name: 'Nudge tests' } });
  const redis = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
  const engines: NudgeEngine[] = [];
  const connections: Redis[] = [];

  const prefixes = new Set([prefix]);
  const flush = (p: string) => deleteRedisPrefix(redis, p);
  const flushRedis = () => flush(prefix);

  return {
    services,
    clock,
    prefix,
    workspaceId: workspace.id,
    redis,
    engines,
    async engine(platforms, config = {}, startWorkers = true) {
      const connection = new Redis(inject('redisUrl'), { maxRetriesPerRequest: null });
      connections.push(connection);
      const engine = createNudgeEngine({
        store: services.jobStore,
        clock,
        logger: services.logger,
        redis: connection,
        platforms,
        config: engineConfig({ prefix, workspaceIds: [workspace.id], schedule: false, rateLimits: false, backoffMs: 20, ...config }),
      });
      engines.push(engine);
      prefixes.add(config.prefix ?? prefix);
      await engine.start({ workers: startWorkers });
      return engine;
    },
    flushRedis,
    async close() {
      await Promise.all(engines.map((e) => e.close()));
      for (const p of prefixes) await flush(p);
      await Promise.all([...connections, redis].map((c) => c.quit()));
      await services.close();
    },
  };
}

export const certTemplate = findTemplate('certification-40-week')!;
export const peerTemplate = findTemplate('peer-recovery')!;

export interface PersonSeed {
  handle: string;
  timeZone?: string;
  nudgeWeekday?: number;
  nudgeMinute?: number;
  quietStartMinute?: number;
  quietEndMinute?: number;
}

/** Seeds rows directly with Prisma: the mentorship commands are not needed to test the engine. */
export function seeder(h: Harness) {
  const db = h.services.prisma;
  return {
    async person(seed: PersonSeed) {
      const person = await db.person.create({
        data: {
          displayName: seed.handle.charAt(0).toUpperCase() + seed.handle.slice(1),
          timeZone: seed.timeZone ?? 'UTC',
          nudgeWeekday: seed.nudgeWeekday,
          // Tests pin 09:00 unless they say otherwise (without a choice, people are spread over 09:00–09:59).
          nudgeMinute: seed.nudgeMinute ?? 9 * 60,
          quietStartMinute: seed.quietStartMinute,
          quietEndMinute: seed.quietEndMinute,
        },
      });
      await db.identity.create({ data: { personId: person.id, workspaceId: h.workspaceId, externalUserId: seed.handle, handle: seed.handle } });
      return person;
    },
    program(template: ProgramTemplate = certTemplate) {
      return db.program.create({
        data: { workspaceId: h.workspaceId, slug: `p-${Math.random().toString(36).slice(2, 8)}`, name: template.name, templateId: template.id, templateVersion: template.version, template: JSON.parse(JSON.stringify(template)) },
      });
    },
    enrollment(programId: string, personId: string, role: 'mentee' | 'mentor' | 'coordinator', startDate: string | null) {
      return db.enrollment.create({ data: { programId, personId, role, status: 'active', startDate, commitmentConfirmedAt: new Date('2026-01-01T00:00:00Z') } });
    },
    match(programId: string, mentorEnrollmentId: string, menteeEnrollmentId: string, activatedAt: Date, firstCallDueAt: Date | null) {
      return db.match.create({ data: { programId, mentorEnrollmentId, menteeEnrollmentId, status: 'active', proposedAt: activatedAt, activatedAt, firstCallDueAt } });
    },
    call(enrollmentId: string, kind: 'supervision' | 'first_call', occurredOn: string, minutes = 30, matchId: string | null = null) {
      return db.callLog.create({ data: { enrollmentId, matchId, kind, minutes, occurredOn } });
    },
    reflection(enrollmentId: string, week: number) {
      const id = randomUUID();
      const answerEnc = h.services.cipher.encrypt('private words', { table: 'Reflection', column: 'answerEnc', rowId: id });
      return db.reflection.create({ data: { id, enrollmentId, week, promptKey: 'any', answerEnc } });
    },
  };
}

/** Every due row of this workspace, soonest first: for stepping the clock from one due time to the next. */
export async function nextDueAt(h: Harness): Promise<Date | null> {
  const row = await h.services.prisma.plannedNudge.findFirst({
    where: { refs: { path: ['workspaceId'], equals: h.workspaceId }, status: { in: ['planned', 'queued'] } },
    orderBy: { dueAt: 'asc' },
    select: { dueAt: true },
  });
  return row?.dueAt ?? null;
}

export const keysOf = (sent: Sent[]) => sent.map((s) => s.key ?? '');
export const countBy = (keys: string[], f: (k: string) => string) =>
  keys.reduce<Record<string, number>>((acc, k) => ((acc[f(k)] = (acc[f(k)] ?? 0) + 1), acc), {});
