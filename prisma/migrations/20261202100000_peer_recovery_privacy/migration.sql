-- Peer-recovery privacy (issue 14): template call kinds, declining a proposed mentor, the first
-- call's arranged meeting, mentor answers for matching, confidential exclusions, peer referrals.
ALTER TYPE "CallKind" ADD VALUE 'phone';
ALTER TYPE "CallKind" ADD VALUE 'face_to_face';
ALTER TYPE "CallKind" ADD VALUE 'message';
ALTER TYPE "EndReason" ADD VALUE 'declined';

ALTER TABLE "CallLog" ADD COLUMN "meetingArranged" BOOLEAN, ADD COLUMN "meetingArrangedOn" TEXT;
ALTER TABLE "MentorEligibility" ADD COLUMN "answersEnc" TEXT;

CREATE TABLE "MatchExclusion" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "mentorEnrollmentId" TEXT NOT NULL,
    "menteeEnrollmentId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "MatchExclusion_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "MatchExclusion_mentorEnrollmentId_menteeEnrollmentId_key" ON "MatchExclusion"("mentorEnrollmentId", "menteeEnrollmentId");
CREATE INDEX "MatchExclusion_programId_idx" ON "MatchExclusion"("programId");

CREATE TYPE "PeerReferralStatus" AS ENUM ('requested', 'asked', 'released', 'withdrawn');
CREATE TABLE "PeerReferral" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "requesterPersonId" TEXT NOT NULL,
    "volunteerPersonId" TEXT,
    "status" "PeerReferralStatus" NOT NULL DEFAULT 'requested',
    "firstNameEnc" TEXT,
    "phoneEnc" TEXT,
    "purpose" TEXT,
    "wordingVersion" TEXT,
    "requestedAt" TIMESTAMP(3) NOT NULL,
    "askedAt" TIMESTAMP(3),
    "signedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "withdrawnAt" TIMESTAMP(3),
    "withdrawnById" TEXT,
    CONSTRAINT "PeerReferral_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "PeerReferral_programId_status_idx" ON "PeerReferral"("programId", "status");
CREATE INDEX "PeerReferral_requesterPersonId_idx" ON "PeerReferral"("requesterPersonId");
CREATE INDEX "PeerReferral_volunteerPersonId_idx" ON "PeerReferral"("volunteerPersonId");
