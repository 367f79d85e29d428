-- Issue 14: a mentor's eligibility criteria and field, case-record titles and meeting titles are
-- encrypted. SQL cannot encrypt (it has no key), so existing values are marked 'plain:' here and
-- sealed, bound to their row, by the release step that runs right after migrations
-- (src/store/db/rebind.ts). Until then nothing reads them: the release step runs before any process.
ALTER TABLE "MentorEligibility" ADD COLUMN "criteriaEnc" TEXT;
UPDATE "MentorEligibility" SET "criteriaEnc" = 'plain:' || array_to_json("criteria")::text;
ALTER TABLE "MentorEligibility" ALTER COLUMN "criteriaEnc" SET NOT NULL;
ALTER TABLE "MentorEligibility" DROP COLUMN "criteria";
ALTER TABLE "MentorEligibility" RENAME COLUMN "field" TO "fieldEnc";
UPDATE "MentorEligibility" SET "fieldEnc" = 'plain:' || "fieldEnc" WHERE "fieldEnc" IS NOT NULL;

ALTER TABLE "CertificationItem" RENAME COLUMN "title" TO "titleEnc";
UPDATE "CertificationItem" SET "titleEnc" = 'plain:' || "titleEnc";

ALTER TABLE "CohortMeeting" RENAME COLUMN "title" TO "titleEnc";
UPDATE "CohortMeeting" SET "titleEnc" = 'plain:' || "titleEnc";
