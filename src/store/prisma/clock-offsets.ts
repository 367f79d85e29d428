import type { DbClient } from './client.js';

/** Named clock offsets (the console's), kept across runs. */
export interface ClockOffsets {
  load(name: string): Promise<number>;
  save(name: string, offsetMs: number): Promise<void>;
}

export function createClockOffsets(db: DbClient): ClockOffsets {
  return {
    async load(name) {
      const row = await db.clockOffset.findUnique({ where: { name } });
      return row ? Number(row.offsetMs) : 0;
    },
    async save(name, offsetMs) {
      const value = BigInt(Math.round(offsetMs));
      await db.clockOffset.upsert({ where: { name }, create: { name, offsetMs: value }, update: { offsetMs: value } });
    },
  };
}
