-- AlterTable
ALTER TABLE "PlannedNudge" ADD COLUMN     "platform" "Platform",
ADD COLUMN     "target" JSONB,
ADD COLUMN     "workspaceId" TEXT;

-- CreateTable
CREATE TABLE "RequestLog" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RequestLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RequestLog_at_idx" ON "RequestLog"("at");
