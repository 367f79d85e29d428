-- CreateTable
CREATE TABLE "ClockOffset" (
    "name" TEXT NOT NULL,
    "offsetMs" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClockOffset_pkey" PRIMARY KEY ("name")
);
