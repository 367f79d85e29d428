import type { Redis } from 'ioredis';
import type { PrismaClient } from '../generated/prisma/client.js';

export interface HealthReport {
  ok: boolean;
  postgres: { ok: boolean; ms?: number; error?: string };
  redis: { ok: boolean; ms?: number; error?: string };
}

async function probe(check: () => Promise<unknown>): Promise<{ ok: boolean; ms?: number; error?: string }> {
  const started = performance.now();
  try {
    await Promise.race([check(), new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 2s')), 2000).unref())]);
    return { ok: true, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

export async function checkHealth(prisma: PrismaClient, redis: Redis): Promise<HealthReport> {
  const [postgres, redisState] = await Promise.all([probe(() => prisma.$queryRaw`SELECT 1`), probe(() => redis.ping())]);
  return { ok: postgres.ok && redisState.ok, postgres, redis: redisState };
}
