import type { Role } from '../domain.js';

/** Who keeps a journal: the people in a mentorship, not those who run or supervise it. */
export const REFLECTING_ROLES: Role[] = ['mentee', 'mentor'];
