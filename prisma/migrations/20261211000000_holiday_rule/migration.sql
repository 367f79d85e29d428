-- A program holiday records the template's rule when it was set: true stops the program clock
-- (weeks and deadlines move later), false only holds reminders until it ends.
ALTER TABLE "ProgramHoliday" ADD COLUMN "shiftsClock" BOOLEAN NOT NULL DEFAULT true;
