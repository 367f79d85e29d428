-- Calendars (issue 12): a meeting's revision for .ics updates (SEQUENCE), and one private
-- calendar feed per person. The feed's address is derived from `seed` with the server's key;
-- only its SHA-256 (`tokenHash`) is looked up, so the table alone never gives an address away.
ALTER TABLE "CohortMeeting" ADD COLUMN "sequence" INTEGER NOT NULL DEFAULT 0;

CREATE TABLE "CalendarFeed" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "seed" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CalendarFeed_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "CalendarFeed_personId_key" ON "CalendarFeed"("personId");
CREATE UNIQUE INDEX "CalendarFeed_tokenHash_key" ON "CalendarFeed"("tokenHash");
ALTER TABLE "CalendarFeed" ADD CONSTRAINT "CalendarFeed_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;
