import type { Prisma, PrismaClient } from '../../generated/prisma/client.js';

/** Either the root client or one bound to an interactive transaction. */
export type DbClient = PrismaClient | Prisma.TransactionClient;
