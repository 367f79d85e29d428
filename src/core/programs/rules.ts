// What a program's template says about how involved the program is and how it speaks to people.
// One home for each rule, so the overview, the CSV, calls and notices never disagree.
import type { CallKind, Program } from '../domain.js';
import { DEFAULT_NOTIFICATION_PREVIEW, type CrisisResources } from './template-care.js';

type HasTemplate = Pick<Program, 'template'>;

/** The program steps back after the match: no monitoring, no reports, calls are the pair's private log. */
export const stepsBack = (p: HasTemplate): boolean => p.template.participation?.reportsToProgram === false;

/** The program counts hours (a phase sets a weekly commitment), so endings may speak of them. */
export const countsHours = (p: HasTemplate): boolean => p.template.phases.some((ph) => ph.weeklyHours !== undefined);

const DEFAULT_KINDS: CallKind[] = ['supervision', 'observation', 'co_facilitation', 'independent', 'first_call', 'check_in', 'peer'];

/** The call kinds this program offers. */
export const callKindsOf = (p: HasTemplate): CallKind[] => [...(p.template.calls?.kinds ?? DEFAULT_KINDS)];

/** The neutral wording a phone shows on its lock screen for anything this program sends. */
export const previewOf = (p: HasTemplate | null | undefined): string => p?.template.notificationPreview ?? DEFAULT_NOTIFICATION_PREVIEW;

// Every program has somewhere to turn: a template without its own list still points to emergency help.
const FALLBACK_CRISIS: CrisisResources = { text: 'If you feel unsafe or might harm yourself, please contact your local emergency number now.', contacts: [] };
export const crisisResourcesOf = (p: HasTemplate): CrisisResources => p.template.crisisResources ?? FALLBACK_CRISIS;
