-- PlannedNudge's key becomes its primary key and the uuid "id" goes: nothing ever read the id,
-- yet every planned row paid for generating it and for a second unique index (1.37 s of Postgres'
-- 5.56 s CPU to insert a 100,000-person week). The key's existing unique index becomes the
-- primary key as it is (USING INDEX: no rebuild, however many rows there are).
ALTER TABLE "PlannedNudge" DROP CONSTRAINT "PlannedNudge_pkey";
ALTER TABLE "PlannedNudge" DROP COLUMN "id";
ALTER TABLE "PlannedNudge" ADD CONSTRAINT "PlannedNudge_pkey" PRIMARY KEY USING INDEX "PlannedNudge_key_key";
