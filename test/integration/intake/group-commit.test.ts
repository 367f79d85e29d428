import { describe, expect, it } from 'vitest';
import type { PrismaClient } from '../../../src/generated/prisma/client.js';
import { createIntakeRecords } from '../../../src/store/prisma/intake.js';
import { createCipher } from '../../../src/security/crypto.js';
import type { InboundRequest } from '../../../src/platform/intake.js';

/** A stand-in for Postgres that keeps ids like a primary key and counts the INSERT statements. */
function fakeDb() {
  const kept = new Set<string>();
  const inserts: string[][] = [];
  const db = {
    async $queryRawUnsafe(sql: string, ids: string[]) {
      if (!sql.includes('INSERT INTO "InboundRequest"')) throw new Error(`unexpected SQL: ${sql}`);
      inserts.push(ids);
      // A slow round trip, so requests keep arriving while one is out.
      await new Promise((resolve) => setTimeout(resolve, 5));
      const fresh = ids.filter((id) => !kept.has(id));
      fresh.forEach((id) => kept.add(id));
      return fresh.map((id) => ({ id }));
    },
  };
  return { db: db as unknown as PrismaClient, inserts };
}

const request = (id: string): InboundRequest => ({ id, platform: 'slack', workspace: 'T1', payload: { command: '/mentor', text: `notes for ${id}` }, receivedAt: new Date('2026-12-14T10:00:00Z') });

describe('durable intake: group commit', () => {
  it('writes requests that arrive together in one INSERT, each learning it is new', async () => {
    const { db, inserts } = fakeDb();
    const intake = createIntakeRecords(db, createCipher(Buffer.alloc(32, 7)));
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => intake.record(request(`slack:T1:${i}`))));
    expect(answers).toEqual(Array(50).fill(true));
    expect(inserts.flat().sort()).toEqual(Array.from({ length: 50 }, (_, i) => `slack:T1:${i}`).sort());
    // Fifty requests, at most a handful of round trips (one per batch while two are in flight).
    expect(inserts.length).toBeLessThanOrEqual(3);
    expect(inserts.length).toBeLessThan(50);
  });

  it('a lone request goes at once, in a statement of its own', async () => {
    const { db, inserts } = fakeDb();
    const intake = createIntakeRecords(db, createCipher(Buffer.alloc(32, 7)));
    expect(await intake.record(request('slack:T1:solo'))).toBe(true);
    expect(inserts).toEqual([['slack:T1:solo']]);
  });

  it('the same id twice in one batch, or again later, is new only once (a retry, a double submit)', async () => {
    const { db, inserts } = fakeDb();
    const intake = createIntakeRecords(db, createCipher(Buffer.alloc(32, 7)));
    const [first, second, other] = await Promise.all([intake.record(request('slack:T1:dup')), intake.record(request('slack:T1:dup')), intake.record(request('slack:T1:other'))]);
    expect([first, second, other]).toEqual([true, false, true]);
    // The duplicate is not even sent twice in the statement.
    expect(inserts[0]).toEqual(['slack:T1:dup', 'slack:T1:other']);
    expect(await intake.record(request('slack:T1:dup'))).toBe(false);
  });

  it('seals the payload: private notes never reach the table in clear', async () => {
    const sealed: string[] = [];
    const db = {
      async $queryRawUnsafe(_sql: string, ids: string[], _p: string[], _w: string[], payloads: string[]) {
        sealed.push(...payloads);
        return ids.map((id) => ({ id }));
      },
    } as unknown as PrismaClient;
    const intake = createIntakeRecords(db, createCipher(Buffer.alloc(32, 7)));
    await intake.record(request('slack:T1:secret'));
    expect(sealed).toHaveLength(1);
    expect(sealed[0]).not.toContain('notes for');
  });
});
