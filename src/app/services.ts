import { join } from 'node:path';
import type { Env } from '../config/env.js';
import { createCipher, resolveEncryptionKey, type Cipher } from '../security/crypto.js';
import { coreModules } from '../core/modules.js';
import type { EngineClock } from '../jobs/config.js';
import { clockFromEnv } from './rehearsal-clock.js';
import type { Store } from '../core/ports/repositories.js';
import { createTemplateCatalog, type TemplateCatalog } from '../core/programs/catalog.js';
import { loadBuiltinTemplates } from '../core/programs/load-templates.js';
import { createTrellis, type Trellis } from '../core/trellis.js';
import type { JobStore } from '../jobs/ports.js';
import type { WorkspaceLookup } from '../platform/directory.js';
import type { InstallationRecords } from '../platform/installations.js';
import type { IntakeRecords } from '../platform/intake.js';
import { openDatabase, type ClockOffsets, type Database } from '../store/open.js';
import type { Logger } from './logger.js';
import type { PublicLinks } from '../core/ports/links.js';
import { createPublicLinks, deriveLinkKey } from '../http/public-links.js';
import { createOutboxEvents, type OutboxEvents } from './outbox-events.js';

export interface Services {
  env: Env;
  logger: Logger;
  /** For tests and tools that seed or inspect rows. */
  prisma: Database['prisma'];
  cipher: Cipher;
  store: Store;
  /** The nudge engine's data access (src/jobs/ports.ts). */
  jobStore: JobStore;
  /** Adapters' lookups outside the core (src/platform/directory.ts). */
  directory: WorkspaceLookup;
  /** Platform installations (Slack OAuth), kept encrypted by the store. */
  installations: InstallationRecords;
  /** Platform requests written down before their acknowledgement (the web process; src/platform/intake.ts). */
  intake: IntakeRecords;
  /** Outbox rows each command wrote, told after it commits; the job runtime subscribes. */
  outboxEvents: OutboxEvents;
  /** The console's clock offset, kept across runs. */
  clockOffsets: ClockOffsets;
  /** The system clock, or the rehearsal clock (with its rate) when TRELLIS_CLOCK_* are set. */
  clock: EngineClock;
  templates: TemplateCatalog;
  trellis: Trellis;
  /** Calendar and dashboard addresses (TRELLIS_PUBLIC_URL). */
  links: PublicLinks;
  /** Signs and checks those addresses (derived from the encryption key). */
  linkKey: Buffer;
  /** One round trip to Postgres, for /healthz. */
  pingDatabase(): Promise<void>;
  close(): Promise<void>;
}

const DEV_KEY_PATH = join(new URL('../../', import.meta.url).pathname, '.trellis', 'dev-encryption-key');

/** The app's key: the configured one, or (development only; env.ts refuses it in production) the generated one. */
const appKey = (env: Env, warn: (message: string) => void): Buffer => resolveEncryptionKey(env.TRELLIS_ENCRYPTION_KEY, DEV_KEY_PATH, warn);

/** The app's cipher, for processes that need no other service (the release step). */
export const createAppCipher = (env: Env, warn: (message: string) => void): Cipher => createCipher(appKey(env, warn));

/** Builds the shared services every process uses; applies pending migrations (and the data steps after them) first. */
export async function createServices(env: Env, logger: Logger, clock: EngineClock = clockFromEnv(env)): Promise<Services> {
  const key = appKey(env, (m) => logger.warn({}, m));
  const cipher = createCipher(key);
  const linkKey = deriveLinkKey(key);
  const links = createPublicLinks(env.TRELLIS_PUBLIC_URL, linkKey);
  const db = await openDatabase(env.DATABASE_URL, cipher, { intakeHoldMs: env.TRELLIS_REPLAY_AFTER_SECONDS * 1000 });
  if (db.applied.length) logger.info({ applied: db.applied }, 'applied migrations');
  if (Object.keys(db.rebound).length) logger.info({ rebound: db.rebound }, 'bound encrypted values to their rows');
  const store = db.store;
  const templates = createTemplateCatalog(loadBuiltinTemplates());
  const outboxEvents = createOutboxEvents(logger);
  const trellis = createTrellis({ store, clock, templates, logger, onOutboxWritten: outboxEvents.written, links }, coreModules());
  return {
    env,
    logger,
    prisma: db.prisma,
    cipher,
    store,
    jobStore: db.jobStore,
    directory: db.directory,
    installations: db.installations,
    intake: db.intake,
    outboxEvents,
    clockOffsets: db.clockOffsets,
    clock,
    templates,
    trellis,
    links,
    linkKey,
    pingDatabase: db.ping,
    close: db.close,
  };
}
