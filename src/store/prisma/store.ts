import type { Store } from '../../core/ports/repositories.js';
import type { Cipher } from '../../security/crypto.js';
import type { PrismaClient } from '../../generated/prisma/client.js';
import type { DbClient } from './client.js';
import { PrismaAuditLog } from './audit.js';
import { PrismaCallLogRepository } from './calls.js';
import { PrismaCertificationRepository } from './certification.js';
import { PrismaCohortRepository } from './cohorts.js';
import { PrismaConsentRepository } from './consents.js';
import { PrismaEnrollmentRepository } from './enrollments.js';
import { PrismaEvaluationRepository } from './evaluations.js';
import { PrismaMatchRepository } from './matches.js';
import { PrismaOutbox, PrismaRequestLog } from './outbox.js';
import { PrismaPeopleRepository } from './people.js';
import { PrismaProgramRepository } from './programs.js';
import { PrismaReflectionRepository } from './reflections.js';
import { PrismaReportRepository } from './reports.js';
import { PrismaPrivacyRepository } from './privacy.js';
import { PrismaPeerReferralRepository } from './referrals.js';
import { PrismaCalendarFeedRepository } from './calendar-feeds.js';
import { PrismaSessionLogRepository } from './sessions.js';
import { retryWhileUnreachable } from './transient.js';

function bind(db: DbClient, cipher: Cipher, root: PrismaClient): Store {
  return {
    // Bound to the transaction's client like every repository: outbox rows and request ids
    // commit (or roll back) with the command that wrote them.
    outbox: new PrismaOutbox(db, cipher),
    requests: new PrismaRequestLog(db),
    people: new PrismaPeopleRepository(db, cipher),
    programs: new PrismaProgramRepository(db),
    enrollments: new PrismaEnrollmentRepository(db, cipher),
    matches: new PrismaMatchRepository(db),
    consents: new PrismaConsentRepository(db),
    calls: new PrismaCallLogRepository(db, cipher),
    reflections: new PrismaReflectionRepository(db, cipher),
    sessions: new PrismaSessionLogRepository(db, cipher),
    cohorts: new PrismaCohortRepository(db, cipher),
    certification: new PrismaCertificationRepository(db, cipher),
    evaluations: new PrismaEvaluationRepository(db, cipher),
    reports: new PrismaReportRepository(db),
    calendarFeeds: new PrismaCalendarFeedRepository(db),
    audit: new PrismaAuditLog(db),
    referrals: new PrismaPeerReferralRepository(db, cipher),
    privacy: new PrismaPrivacyRepository(db),
    // Nested transactions join the outer one: a command is one unit of work. The outermost one is
    // run again while Postgres is out of reach (transient.ts), so a brief cut delays a command
    // instead of failing it.
    transaction: (work) =>
      db === root
        ? retryWhileUnreachable(() => root.$transaction((tx) => work(bind(tx, cipher, root)), { timeout: 15_000, maxWait: 10_000 }))
        : work(bind(db, cipher, root)),
  };
}

export function createPrismaStore(prisma: PrismaClient, cipher: Cipher): Store {
  return bind(prisma, cipher, prisma);
}
