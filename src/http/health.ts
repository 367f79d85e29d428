import type { Cluster, Redis } from 'ioredis';

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

/** `pingPostgres` is one round trip to the database (see src/store/db/prisma.ts). */
export async function checkHealth(pingPostgres: () => Promise<unknown>, redis: Redis | Cluster): Promise<HealthReport> {
  const [postgres, redisState] = await Promise.all([probe(pingPostgres), probe(() => redis.ping())]);
  return { ok: postgres.ok && redisState.ok, postgres, redis: redisState };
}
