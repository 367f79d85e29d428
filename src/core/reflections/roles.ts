import type { Role } from '../domain.js';

/** Who keeps a journal: the people in a mentorship, not those who run or supervise it. */
export const REFLECTING_ROLES: Role[] = ['mentee', 'mentor'];

/**
 * Who is sent the weekly reflection prompt (the nudge planner's rhythm): trainees only. Mentors
 * keep a journal but are never prompted, so counts of prompts answered or not leave them out.
 */
export const PROMPTED_ROLES: Role[] = ['mentee'];
