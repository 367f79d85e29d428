import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createCipher, type Cipher } from '../../src/security/crypto.js';
import { createPrisma } from '../../src/store/db/prisma.js';
import type { PrismaClient } from '../../src/generated/prisma/client.js';

export const testCipher: Cipher = createCipher(Buffer.alloc(32, 7));

export function testDatabaseUrl(): string {
  return inject('databaseUrl');
}

export function testPrisma(): PrismaClient {
  return createPrisma(testDatabaseUrl(), 4);
}

/** A name no other test (or run) uses: workspaces, queues, handles. */
export const uniqueName = (prefix: string) => `${prefix}-${randomBytes(4).toString('hex')}`;
