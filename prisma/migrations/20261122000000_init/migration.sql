-- CreateEnum
CREATE TYPE "Platform" AS ENUM ('slack', 'discord', 'console');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('coordinator', 'mentor', 'mentee', 'supervisor');

-- CreateEnum
CREATE TYPE "EnrollmentStatus" AS ENUM ('pending', 'active', 'paused', 'withdrawn', 'completed', 'declined');

-- CreateEnum
CREATE TYPE "MatchStatus" AS ENUM ('proposed', 'active', 'ended');

-- CreateEnum
CREATE TYPE "EndReason" AS ENUM ('mutual', 'coordinator', 'first_call_overdue', 'withdrawn');

-- CreateEnum
CREATE TYPE "CallKind" AS ENUM ('supervision', 'observation', 'co_facilitation', 'independent', 'first_call', 'check_in', 'peer');

-- CreateEnum
CREATE TYPE "Confirmation" AS ENUM ('pending', 'confirmed', 'disputed');

-- CreateEnum
CREATE TYPE "CheckInReason" AS ENUM ('safety', 'impasse', 'failed_activity', 'uncertain');

-- CreateEnum
CREATE TYPE "Rsvp" AS ENUM ('yes', 'no', 'maybe');

-- CreateEnum
CREATE TYPE "CertificationKind" AS ENUM ('learning_contract', 'self_assessment', 'case_record', 'verification', 'certificate');

-- CreateEnum
CREATE TYPE "CertificationStatus" AS ENUM ('draft', 'submitted', 'verified', 'rejected');

-- CreateEnum
CREATE TYPE "NudgeStatus" AS ENUM ('planned', 'queued', 'claimed', 'sent', 'skipped', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "Workspace" (
    "id" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "botUserId" TEXT,
    "installationEnc" TEXT,
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "uninstalledAt" TIMESTAMP(3),
    CONSTRAINT "Workspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Person" (
    "id" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "firstNameEnc" TEXT,
    "phoneEnc" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'UTC',
    "quietStartMinute" INTEGER,
    "quietEndMinute" INTEGER,
    "nudgeWeekday" INTEGER,
    "nudgeMinute" INTEGER,
    "availability" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" TIMESTAMP(3),
    CONSTRAINT "Person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Identity" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "externalUserId" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "dmChannelId" TEXT,
    CONSTRAINT "Identity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Program" (
    "id" TEXT NOT NULL,
    "workspaceId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "templateId" TEXT NOT NULL,
    "templateVersion" INTEGER NOT NULL,
    "template" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Program_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Enrollment" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "status" "EnrollmentStatus" NOT NULL DEFAULT 'pending',
    "startDate" TEXT,
    "commitmentConfirmedAt" TIMESTAMP(3),
    "declinedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Enrollment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PauseInterval" (
    "id" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    CONSTRAINT "PauseInterval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MentorEligibility" (
    "id" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "criteria" TEXT[],
    "field" TEXT,
    "readinessConfirmed" BOOLEAN NOT NULL,
    "expectationsVersion" INTEGER NOT NULL,
    "signedOffAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "MentorEligibility_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SurveyResponse" (
    "id" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "answersEnc" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "SurveyResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Match" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "mentorEnrollmentId" TEXT NOT NULL,
    "menteeEnrollmentId" TEXT NOT NULL,
    "status" "MatchStatus" NOT NULL DEFAULT 'proposed',
    "proposedById" TEXT,
    "proposedAt" TIMESTAMP(3) NOT NULL,
    "activatedAt" TIMESTAMP(3),
    "firstCallDueAt" TIMESTAMP(3),
    "firstCallAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),
    "endReason" "EndReason",
    "endedById" TEXT,
    CONSTRAINT "Match_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentRecord" (
    "id" TEXT NOT NULL,
    "matchId" TEXT NOT NULL,
    "grantorPersonId" TEXT NOT NULL,
    "recipientPersonId" TEXT NOT NULL,
    "scope" TEXT[],
    "purpose" TEXT NOT NULL,
    "wordingVersion" TEXT NOT NULL,
    "signedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    CONSTRAINT "ConsentRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CallLog" (
    "id" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "matchId" TEXT,
    "counterpartPersonId" TEXT,
    "kind" "CallKind" NOT NULL,
    "minutes" INTEGER NOT NULL,
    "occurredOn" TEXT NOT NULL,
    "notesEnc" TEXT,
    "confirmation" "Confirmation" NOT NULL DEFAULT 'pending',
    "confirmedAt" TIMESTAMP(3),
    "checkIn" "CheckInReason",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CallLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Reflection" (
    "id" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "promptKey" TEXT NOT NULL,
    "week" INTEGER NOT NULL,
    "answerEnc" TEXT NOT NULL,
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "sharedAt" TIMESTAMP(3),
    "checkIn" "CheckInReason",
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Reflection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Cohort" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Cohort_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CohortMember" (
    "id" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CohortMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CohortMeeting" (
    "id" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "durationMinutes" INTEGER NOT NULL,
    "cancelledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CohortMeeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MeetingRsvp" (
    "id" TEXT NOT NULL,
    "meetingId" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "response" "Rsvp" NOT NULL,
    "attended" BOOLEAN,
    "respondedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "MeetingRsvp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CertificationItem" (
    "id" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "kind" "CertificationKind" NOT NULL,
    "title" TEXT NOT NULL,
    "bodyEnc" TEXT,
    "status" "CertificationStatus" NOT NULL DEFAULT 'draft',
    "verifiedById" TEXT,
    "verifiedAt" TIMESTAMP(3),
    "verificationCode" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CertificationItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationResponse" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "occasion" TEXT NOT NULL,
    "answers" JSONB NOT NULL,
    "submittedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "EvaluationResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationReceipt" (
    "id" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "occasion" TEXT NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "EvaluationReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlannedNudge" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "personId" TEXT,
    "channel" TEXT,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "status" "NudgeStatus" NOT NULL DEFAULT 'planned',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "refs" JSONB NOT NULL,
    "claimedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    CONSTRAINT "PlannedNudge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorPersonId" TEXT,
    "action" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_platform_externalId_key" ON "Workspace"("platform", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Identity_workspaceId_externalUserId_key" ON "Identity"("workspaceId", "externalUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Program_workspaceId_slug_key" ON "Program"("workspaceId", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "Enrollment_programId_personId_role_key" ON "Enrollment"("programId", "personId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "MentorEligibility_enrollmentId_key" ON "MentorEligibility"("enrollmentId");

-- CreateIndex
CREATE UNIQUE INDEX "SurveyResponse_enrollmentId_key" ON "SurveyResponse"("enrollmentId");

-- CreateIndex
CREATE UNIQUE INDEX "Cohort_programId_name_key" ON "Cohort"("programId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "CohortMember_cohortId_enrollmentId_key" ON "CohortMember"("cohortId", "enrollmentId");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingRsvp_meetingId_personId_key" ON "MeetingRsvp"("meetingId", "personId");

-- CreateIndex
CREATE UNIQUE INDEX "CertificationItem_verificationCode_key" ON "CertificationItem"("verificationCode");

-- CreateIndex
CREATE UNIQUE INDEX "EvaluationReceipt_enrollmentId_occasion_key" ON "EvaluationReceipt"("enrollmentId", "occasion");

-- CreateIndex
CREATE UNIQUE INDEX "PlannedNudge_key_key" ON "PlannedNudge"("key");

-- CreateIndex
CREATE INDEX "Identity_personId_idx" ON "Identity"("personId");

-- CreateIndex
CREATE INDEX "PauseInterval_enrollmentId_idx" ON "PauseInterval"("enrollmentId");

-- CreateIndex
CREATE INDEX "Match_mentorEnrollmentId_idx" ON "Match"("mentorEnrollmentId");

-- CreateIndex
CREATE INDEX "Match_menteeEnrollmentId_idx" ON "Match"("menteeEnrollmentId");

-- CreateIndex
CREATE INDEX "ConsentRecord_matchId_idx" ON "ConsentRecord"("matchId");

-- CreateIndex
CREATE INDEX "CallLog_enrollmentId_occurredOn_idx" ON "CallLog"("enrollmentId", "occurredOn");

-- CreateIndex
CREATE INDEX "CallLog_matchId_idx" ON "CallLog"("matchId");

-- CreateIndex
CREATE INDEX "Reflection_enrollmentId_week_idx" ON "Reflection"("enrollmentId", "week");

-- CreateIndex
CREATE INDEX "CohortMeeting_cohortId_startsAt_idx" ON "CohortMeeting"("cohortId", "startsAt");

-- CreateIndex
CREATE INDEX "CertificationItem_enrollmentId_kind_idx" ON "CertificationItem"("enrollmentId", "kind");

-- CreateIndex
CREATE INDEX "EvaluationResponse_programId_occasion_idx" ON "EvaluationResponse"("programId", "occasion");

-- CreateIndex
CREATE INDEX "PlannedNudge_status_dueAt_idx" ON "PlannedNudge"("status", "dueAt");

-- CreateIndex
CREATE INDEX "PlannedNudge_personId_idx" ON "PlannedNudge"("personId");

-- CreateIndex
CREATE INDEX "AuditEvent_subjectType_subjectId_idx" ON "AuditEvent"("subjectType", "subjectId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- AddForeignKey
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Identity" ADD CONSTRAINT "Identity_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Program" ADD CONSTRAINT "Program_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrollment" ADD CONSTRAINT "Enrollment_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrollment" ADD CONSTRAINT "Enrollment_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PauseInterval" ADD CONSTRAINT "PauseInterval_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "Enrollment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentorEligibility" ADD CONSTRAINT "MentorEligibility_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "Enrollment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SurveyResponse" ADD CONSTRAINT "SurveyResponse_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "Enrollment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Match" ADD CONSTRAINT "Match_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Match" ADD CONSTRAINT "Match_mentorEnrollmentId_fkey" FOREIGN KEY ("mentorEnrollmentId") REFERENCES "Enrollment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Match" ADD CONSTRAINT "Match_menteeEnrollmentId_fkey" FOREIGN KEY ("menteeEnrollmentId") REFERENCES "Enrollment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsentRecord" ADD CONSTRAINT "ConsentRecord_matchId_fkey" FOREIGN KEY ("matchId") REFERENCES "Match"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallLog" ADD CONSTRAINT "CallLog_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "Enrollment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CallLog" ADD CONSTRAINT "CallLog_matchId_fkey" FOREIGN KEY ("matchId") REFERENCES "Match"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Reflection" ADD CONSTRAINT "Reflection_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "Enrollment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Cohort" ADD CONSTRAINT "Cohort_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CohortMember" ADD CONSTRAINT "CohortMember_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CohortMember" ADD CONSTRAINT "CohortMember_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "Enrollment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CohortMeeting" ADD CONSTRAINT "CohortMeeting_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingRsvp" ADD CONSTRAINT "MeetingRsvp_meetingId_fkey" FOREIGN KEY ("meetingId") REFERENCES "CohortMeeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MeetingRsvp" ADD CONSTRAINT "MeetingRsvp_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificationItem" ADD CONSTRAINT "CertificationItem_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "Enrollment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationResponse" ADD CONSTRAINT "EvaluationResponse_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationReceipt" ADD CONSTRAINT "EvaluationReceipt_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "Enrollment"("id") ON DELETE CASCADE ON UPDATE CASCADE;
