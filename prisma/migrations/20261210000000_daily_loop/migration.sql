-- CreateTable
CREATE TABLE "ClockOffset" (
    "name" TEXT NOT NULL,
    "offsetMs" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClockOffset_pkey" PRIMARY KEY ("name")
);

-- AlterTable
ALTER TABLE "Person" ADD COLUMN     "awayUntil" TIMESTAMP(3),
ADD COLUMN     "mutedNudgeKinds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "timeZoneChosen" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ProgramHoliday" (
    "id" TEXT NOT NULL,
    "programId" TEXT NOT NULL,
    "firstDay" TEXT NOT NULL,
    "lastDay" TEXT NOT NULL,
    "startsAt" TIMESTAMP(3) NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProgramHoliday_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ProgramHoliday_programId_idx" ON "ProgramHoliday"("programId");

-- AddForeignKey
ALTER TABLE "ProgramHoliday" ADD CONSTRAINT "ProgramHoliday_programId_fkey" FOREIGN KEY ("programId") REFERENCES "Program"("id") ON DELETE CASCADE ON UPDATE CASCADE;
