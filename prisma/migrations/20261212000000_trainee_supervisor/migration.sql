-- A trainee's supervisor, set by a coordinator (`/mentor admin supervisor`); null means the
-- default, their active mentor. Check-in debriefs go to this person, reason only.
ALTER TABLE "Enrollment" ADD COLUMN "supervisorPersonId" TEXT;
