import type { Cipher } from '../../../security/crypto.js';
import type { JobStore } from '../../../jobs/ports.js';
import type { DbClient } from '../client.js';
import { createClaims } from './claims.js';
import { createBacklogReader } from './backlog.js';
import { createDeliveryFacts } from './delivery-facts.js';
import { createDispatchQueries } from './dispatch.js';
import { createPlanSubjects } from './plan-subjects.js';
import { erasePrivateNotesPastRetention } from '../privacy.js';

/** The nudge engine's data access (src/jobs/ports.ts), over Prisma. */
export function createPrismaJobStore(db: DbClient, cipher: Cipher): JobStore {
  return {
    nudges: { ...createClaims(db, cipher), ...createDispatchQueries(db) },
    facts: createDeliveryFacts(db, cipher),
    subjects: createPlanSubjects(db, cipher),
    backlog: createBacklogReader(db),
    dmChannels: {
      // updateMany: an identity deleted meanwhile is not an error for a delivery that went through.
      async remember(identityId, channelId) {
        await db.identity.updateMany({ where: { id: identityId }, data: { dmChannelId: channelId } });
      },
    },
    erasePrivateNotes: (now, scope) => erasePrivateNotesPastRetention(db, now, scope),
    async forgetRequestsBefore(before) {
      const { count } = await db.requestLog.deleteMany({ where: { at: { lt: before } } });
      return count;
    },
    async forgetInboundRequestsBefore(before) {
      const { count } = await db.inboundRequest.deleteMany({ where: { receivedAt: { lt: before } } });
      return count;
    },
  };
}
