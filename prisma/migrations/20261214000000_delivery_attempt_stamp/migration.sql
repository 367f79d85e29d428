-- When an attempt that may have reached the platform began (a claim taken over after its worker
-- died, or a send that failed without a clear "not sent"): a re-claim reads the platform's recent
-- history from this moment before sending again (src/jobs/deliver-job.ts).
ALTER TABLE "PlannedNudge" ADD COLUMN "sendingAt" TIMESTAMP(3);
