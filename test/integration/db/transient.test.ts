import { describe, expect, it } from 'vitest';
import { isConnectionLost, retryWhileUnreachable } from '../../../src/store/prisma/transient.js';

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('a database out of reach', () => {
  it('is told apart from a command that was wrong, through wrapped causes', () => {
    expect(isConnectionLost(refused)).toBe(true);
    expect(isConnectionLost(new Error('outer', { cause: new Error('inner', { cause: refused }) }))).toBe(true);
    expect(isConnectionLost(Object.assign(new Error("Can't reach database server at 127.0.0.1:5432"), { code: 'P1001' }))).toBe(true);
    expect(isConnectionLost(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isConnectionLost(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    // A unique violation or a bug is the command's own: never run again.
    expect(isConnectionLost(Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }))).toBe(false);
    expect(isConnectionLost(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isConnectionLost(undefined)).toBe(false);
  });

  it('runs the work again after each cut until it goes through, pausing as told', async () => {
    const slept: number[] = [];
    let tries = 0;
    const result = await retryWhileUnreachable(
      async () => {
        if (++tries < 4) throw refused;
        return 'applied';
      },
      { pauses: [10, 20, 40, 80], sleep: async (ms) => void slept.push(ms) },
    );
    expect(result).toBe('applied');
    expect(tries).toBe(4);
    expect(slept).toEqual([10, 20, 40]);
  });

  it('gives up after the last pause, and at once on any other error', async () => {
    let tries = 0;
    await expect(retryWhileUnreachable(async () => (tries++, Promise.reject(refused)), { pauses: [1, 1], sleep: async () => undefined })).rejects.toBe(refused);
    expect(tries).toBe(3);
    const wrong = new Error('a date before the program began');
    tries = 0;
    await expect(retryWhileUnreachable(async () => (tries++, Promise.reject(wrong)), { pauses: [1, 1], sleep: async () => undefined })).rejects.toBe(wrong);
    expect(tries).toBe(1);
  });
});
