-- Session frameworks in use: each logged session of a template's framework (which session, its
-- length and day, private notes sealed like call notes, the "when to check in" situations chosen).
CREATE TABLE "SessionLog" (
    "id" TEXT NOT NULL,
    "enrollmentId" TEXT NOT NULL,
    "sessionKey" TEXT NOT NULL,
    "minutes" INTEGER NOT NULL,
    "occurredOn" TEXT NOT NULL,
    "notesEnc" TEXT,
    "checkIns" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "checkInReasons" "CheckInReason"[] DEFAULT ARRAY[]::"CheckInReason"[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SessionLog_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "SessionLog_enrollmentId_occurredOn_idx" ON "SessionLog"("enrollmentId", "occurredOn");

ALTER TABLE "SessionLog" ADD CONSTRAINT "SessionLog_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "Enrollment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A match whose trainee reached the end of the program completes (it did not end early).
ALTER TYPE "EndReason" ADD VALUE 'completed';
