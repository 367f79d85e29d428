// The one door into Postgres for the processes: migrations, the Prisma client, and every port
// built over it. Nothing outside src/store imports Prisma or sends SQL (a test checks).
import type { Store } from '../core/ports/repositories.js';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { JobStore } from '../jobs/ports.js';
import type { WorkspaceLookup } from '../platform/directory.js';
import type { InstallationRecords } from '../platform/installations.js';
import type { Cipher } from '../security/crypto.js';
import { ensureDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { rebindCiphertexts } from './db/rebind.js';
import { createPrisma, pingDatabase } from './db/prisma.js';
import { createClockOffsets, type ClockOffsets } from './prisma/clock-offsets.js';
import { createWorkspaceLookup } from './prisma/directory.js';
import { createInstallationRecords } from './prisma/installations.js';
import { createIntakeRecords } from './prisma/intake.js';
import type { IntakeRecords } from '../platform/intake.js';
import { createPrismaJobStore } from './prisma/nudges/index.js';
import { createPrismaStore } from './prisma/store.js';

export type { ClockOffsets } from './prisma/clock-offsets.js';

export interface Database {
  /** The core's repositories (src/core/ports/repositories.ts). */
  store: Store;
  /** The nudge engine's data access (src/jobs/ports.ts). */
  jobStore: JobStore;
  /** Adapters' lookups outside the core (src/platform/directory.ts). */
  directory: WorkspaceLookup;
  /** Platform installations (Slack OAuth), kept encrypted. */
  installations: InstallationRecords;
  /** The console's clock offset, kept across runs. */
  clockOffsets: ClockOffsets;
  /** Platform requests written down before their acknowledgement (src/platform/intake.ts). */
  intake: IntakeRecords;
  /** The client itself, for tests and tools that seed or inspect rows. */
  prisma: PrismaClient;
  /** Migrations applied by this open. */
  applied: string[];
  /** Encrypted values the release step bound to their rows by this open, by `table.column` (src/store/db/rebind.ts). */
  rebound: Record<string, number>;
  /** One round trip, for /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Creates the database if missing, applies pending migrations and the data step after them
 * (binding encrypted values to their rows; it needs the key, which SQL has not), and builds
 * every port over one client.
 */
export async function openDatabase(url: string, cipher: Cipher, options: { intakeHoldMs?: number } = {}): Promise<Database> {
  await ensureDatabase(url);
  const applied = await migrate(url);
  const prisma = createPrisma(url);
  const rebound = await rebindCiphertexts(prisma, cipher);
  return {
    rebound,
    store: createPrismaStore(prisma, cipher),
    jobStore: createPrismaJobStore(prisma, cipher),
    directory: createWorkspaceLookup(prisma),
    installations: createInstallationRecords(prisma, cipher),
    clockOffsets: createClockOffsets(prisma),
    intake: createIntakeRecords(prisma, cipher, { holdMs: options.intakeHoldMs }),
    prisma,
    applied,
    ping: () => pingDatabase(prisma),
    close: () => prisma.$disconnect(),
  };
}
