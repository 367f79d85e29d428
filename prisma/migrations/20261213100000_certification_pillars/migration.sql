-- Issue 10: the five pillars of certification. Continuing-education modules are portfolio items
-- of their own kind, naming the template's module they mark done (one per module per trainee);
-- a mentor's reason for returning an item is kept sealed for the trainee; items still awaiting the
-- mentor when a certificate is issued by override are closed, so nothing waits on a frozen portfolio.
-- ADD VALUE inside the migration's transaction is allowed (PostgreSQL 12+): nothing here uses the new values.
ALTER TYPE "CertificationKind" ADD VALUE 'ce_module';
ALTER TYPE "CertificationStatus" ADD VALUE 'closed';

ALTER TABLE "CertificationItem" ADD COLUMN "moduleKey" TEXT;
ALTER TABLE "CertificationItem" ADD COLUMN "reviewNoteEnc" TEXT;

CREATE UNIQUE INDEX "CertificationItem_enrollmentId_moduleKey_key" ON "CertificationItem"("enrollmentId", "moduleKey");
