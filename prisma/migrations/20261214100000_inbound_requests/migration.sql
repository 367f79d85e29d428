-- Durable command intake: every Slack command, button and form and every Discord interaction is
-- written down before its acknowledgement, so one acknowledged by a web process that then died is
-- run again by another (src/app/replayer.ts). Applied rows go after a day (the cleanup job).
CREATE TABLE "InboundRequest" (
    "id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "workspace" TEXT NOT NULL,
    "payloadEnc" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "appliedAt" TIMESTAMP(3),
    "answeredAt" TIMESTAMP(3),
    "leaseUntil" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "InboundRequest_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "InboundRequest_receivedAt_idx" ON "InboundRequest"("receivedAt");
