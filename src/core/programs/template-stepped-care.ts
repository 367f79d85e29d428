// Stepped care: how many missed supervision periods, or weeks without any hours, in a row it
// takes before the trainee's supervisor is told, and then the program's coordinator. Each miss
// nudges the trainee; the steps after it reach further only when misses keep coming. Kept apart
// from template-schema.ts to keep both small.
import { z } from 'zod';

const ZCount = z.number().int('must be a whole number').min(1, 'must be ≥ 1');

export const ZSteppedCare = z
  .strictObject({
    /** Misses in a row (supervision periods, or weeks with no hours) after which the supervisor is told. */
    supervisorAfter: ZCount,
    /** Misses in a row after which the program's coordinators are told (counts only). */
    coordinatorAfter: ZCount,
  })
  .refine((s) => s.coordinatorAfter > s.supervisorAfter, { path: ['coordinatorAfter'], message: 'must be more than supervisorAfter' });
export type SteppedCare = z.infer<typeof ZSteppedCare>;
