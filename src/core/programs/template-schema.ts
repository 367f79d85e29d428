// Program templates are data: a coordinator can add a program by writing a JSON file that
// passes these schemas, without touching code. Objects are strict so that a misspelt field
// ("weeklyhours") is refused instead of silently ignored.
import { z } from 'zod';
import { careShape } from './template-care.js';
import { certificationShape, checkCertificationRules } from './template-certification.js';
import { ZSteppedCare } from './template-stepped-care.js';

/** Lower-case words joined by '-' or '_': stable identifiers that survive wording changes. */
export const ZKey = z
  .string()
  .regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'must be lower-case letters/digits joined by - or _');

const ZText = z.string().trim().min(1, 'must not be empty');
const ZWeek = z.number().int('must be a whole number').min(1, 'must be ≥ 1');

export const ZKeyedText = z.strictObject({ key: ZKey, text: ZText });
export type KeyedText = z.infer<typeof ZKeyedText>;

export const ZProgramKind = z.enum(['certification', 'peer-recovery', 'session-framework']);
export type ProgramKind = z.infer<typeof ZProgramKind>;

export const ZCadence = z.enum(['weekly', 'biweekly', 'monthly', 'none']);
export type Cadence = z.infer<typeof ZCadence>;

// callMinutes is optional only so that `{ "cadence": "none" }` reads naturally; the
// template-level rules require it for every real cadence.
export const ZSupervision = z.strictObject({
  cadence: ZCadence,
  callMinutes: z.number().int('must be a whole number').positive('must be > 0').optional(),
});
export type Supervision = z.infer<typeof ZSupervision>;

export const ZHoursRange = z.strictObject({
  min: z.number().min(0, 'must be ≥ 0'),
  max: z.number().min(0, 'must be ≥ 0'),
});
export type HoursRange = z.infer<typeof ZHoursRange>;

export const ZCohortMeetings = z.strictObject({
  cadence: z.literal('monthly'),
  // Optional: the seed programs fix the rhythm of peer meetings but not their length.
  minutes: z.number().int().positive('must be > 0').optional(),
});

export const ZPhase = z.strictObject({
  key: ZKey,
  name: ZText,
  startWeek: ZWeek,
  /** Inclusive. Only the last phase of an open-ended program (no `weeks`) may omit it. */
  endWeek: ZWeek.optional(),
  focus: ZText,
  supervision: ZSupervision,
  /** Expected weekly time commitment; absent when a program asks for none. */
  weeklyHours: ZHoursRange.optional(),
  promptBank: z.array(ZKeyedText).default([]),
  cohortMeetings: ZCohortMeetings.optional(),
  outcomes: z.array(ZText).optional(),
});
export type Phase = z.infer<typeof ZPhase>;

export const ZCommitmentCategory = z.enum(['time', 'money', 'professional', 'personal']);
export const ZCommitment = z.strictObject({ key: ZKey, category: ZCommitmentCategory, text: ZText });
export type Commitment = z.infer<typeof ZCommitment>;

export const ZReflectionPrompt = z.strictObject({
  key: ZKey,
  topic: z.enum(['availability', 'learning-goals', 'questions', 'support']),
  text: ZText,
});
export type ReflectionPrompt = z.infer<typeof ZReflectionPrompt>;

export const ZFinalCaseReview = z.strictObject({
  cases: z.number().int().positive('must be > 0'),
  weekDue: ZWeek,
});

export const ZEligibility = z.strictObject({
  rule: z.literal('any-one-of'),
  criteria: z.array(ZKeyedText).min(1, 'needs at least one criterion'),
  /** Must hold in addition to one of the criteria (readiness and willingness). */
  alsoRequired: ZKeyedText,
  /** What a mentor signs off on before being matched. */
  expectations: z.array(ZKeyedText).default([]),
});
export type Eligibility = z.infer<typeof ZEligibility>;

export const ZSurveyQuestion = z.strictObject({
  key: ZKey,
  text: ZText,
  type: z.enum(['text', 'choice', 'days-times']),
  choices: z.array(z.strictObject({ key: ZKey, label: ZText })).optional(),
  /** Matching may weigh this answer (field, availability, stated preferences). */
  usedForMatching: z.boolean().default(false),
});
export type SurveyQuestion = z.infer<typeof ZSurveyQuestion>;

export const ZGoodFitSurvey = z.strictObject({
  questions: z.array(ZSurveyQuestion).min(1, 'needs at least one question'),
});

export const ZReleaseOfInformation = z.strictObject({
  scope: z.array(z.enum(['first_name', 'phone'])).min(1, 'must release at least one field'),
  purpose: ZText,
  defaultExpiryDays: z.number().int().positive('must be > 0'),
  /** Recorded with every signature so we know exactly which wording was agreed to. */
  wordingVersion: ZText,
  text: ZText,
});
export type ReleaseOfInformation = z.infer<typeof ZReleaseOfInformation>;

export const ZEvaluations = z.strictObject({
  everyWeeks: z.number().int().positive('must be > 0'),
  atEnd: z.boolean(),
  // Evaluations ask about how the program runs, never about a person's experience.
  scope: z.literal('operations').default('operations'),
});

export const ZEndings = z.strictObject({
  paths: z
    .array(
      z.strictObject({ key: ZKey, text: ZText, coordinatorTellsOtherSide: z.boolean() }),
    )
    .min(1, 'needs at least one way to end'),
  rescindReleaseOnEnd: z.boolean(),
  rematchAllowed: z.boolean(),
});

export const ZParticipation = z.strictObject({
  voluntary: z.boolean(),
  canJoinLater: z.boolean(),
  /** False when the program steps back after the match and expects no reports. */
  reportsToProgram: z.boolean(),
});

export const ZCheckInTrigger = z.strictObject({
  key: ZKey,
  text: ZText,
  reason: z.enum(['safety', 'impasse', 'failed-activity', 'uncertain']),
});
export type CheckInTrigger = z.infer<typeof ZCheckInTrigger>;

export const ZSession = z.strictObject({
  key: ZKey,
  name: ZText,
  repeatable: z.boolean(),
  objectives: z.array(ZText).min(1, 'needs at least one objective'),
  actions: z.array(ZText).min(1, 'needs at least one action'),
  questionsToConsider: z.array(ZText).default([]),
  checkInTriggers: z.array(ZCheckInTrigger).default([]),
});
export type Session = z.infer<typeof ZSession>;

const ZTemplateShape = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug'),
  version: z.number().int('must be a whole number').positive('must be > 0'),
  name: ZText,
  kind: ZProgramKind,
  summary: ZText,
  /** Total length; absent for open-ended programs. */
  weeks: ZWeek.optional(),
  phases: z.array(ZPhase).min(1, 'needs at least one phase'),
  commitments: z.array(ZCommitment).default([]),
  reflectionPrompts: z.array(ZReflectionPrompt).optional(),
  finalCaseReview: ZFinalCaseReview.optional(),
  participation: ZParticipation.optional(),
  eligibility: ZEligibility.optional(),
  goodFitSurvey: ZGoodFitSurvey.optional(),
  releaseOfInformation: ZReleaseOfInformation.optional(),
  firstCallWithinDays: z.number().int().positive('must be > 0').optional(),
  evaluations: ZEvaluations.optional(),
  endings: ZEndings.optional(),
  sessions: z.array(ZSession).optional(),
  /** Days the program observes (no sessions expected); shown in everyone's calendar feed. */
  holidays: z.array(z.strictObject({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'), name: ZText })).optional(),
  /**
   * What a coordinator's holiday does: `shift-deadlines` stops the program clock (weeks and
   * deadlines after it move later, the default); `hold-nudges` only holds reminders until it ends.
   */
  holidayRule: z.enum(['shift-deadlines', 'hold-nudges']).optional(),
  /**
   * How much of the phase's call length a supervision call must reach to count as kept, in
   * percent (80: a 30-minute phase counts calls of 24 minutes or more). Absent: any length counts.
   */
  supervisionKeptAtPercent: z.number().int('must be a whole number').min(1, 'must be ≥ 1').max(100, 'must be ≤ 100').optional(),
  /** Stepped care after missed supervision periods or weeks without hours (src/core/nudges/oversight/). */
  steppedCare: ZSteppedCare.optional(),
  ...careShape,
  ...certificationShape,
});

type TemplateShape = z.infer<typeof ZTemplateShape>;
type Ctx = z.RefinementCtx;
type Path = (string | number)[];

const issue = (ctx: Ctx, path: Path, message: string): void =>
  ctx.addIssue({ code: 'custom', path, message });

/** Phases must tile weeks 1..N (or 1..∞) with no gaps and no overlaps. */
function checkPhaseWeeks(t: TemplateShape, ctx: Ctx): void {
  let nextStart = 1;
  t.phases.forEach((p, i) => {
    const at: Path = ['phases', i];
    if (p.startWeek < nextStart) issue(ctx, [...at, 'startWeek'], `overlaps the previous phase; must be ${nextStart}`);
    if (p.startWeek > nextStart) issue(ctx, [...at, 'startWeek'], `leaves a gap; must be ${nextStart}`);
    const last = i === t.phases.length - 1;
    if (p.endWeek === undefined) {
      if (!last) issue(ctx, [...at, 'endWeek'], 'is required (only the last phase may be open-ended)');
      else if (t.weeks !== undefined) issue(ctx, [...at, 'endWeek'], `is required and must be ${t.weeks} (weeks)`);
      return;
    }
    if (p.endWeek < p.startWeek) issue(ctx, [...at, 'endWeek'], 'must be ≥ startWeek');
    if (last && t.weeks === undefined) issue(ctx, ['weeks'], `is required when the last phase ends (week ${p.endWeek})`);
    if (last && t.weeks !== undefined && p.endWeek !== t.weeks) issue(ctx, [...at, 'endWeek'], `must be ${t.weeks} (weeks)`);
    nextStart = p.endWeek + 1;
  });
}

function checkPhaseDetails(t: TemplateShape, ctx: Ctx): void {
  t.phases.forEach((p, i) => {
    if (p.weeklyHours && p.weeklyHours.min > p.weeklyHours.max) {
      issue(ctx, ['phases', i, 'weeklyHours', 'max'], 'must be ≥ min');
    }
    if (p.supervision.cadence !== 'none' && p.supervision.callMinutes === undefined) {
      issue(ctx, ['phases', i, 'supervision', 'callMinutes'], `is required for a ${p.supervision.cadence} cadence`);
    }
  });
}

/** Reports the second occurrence of any key in `items`, naming where it first appeared. */
function checkUnique(ctx: Ctx, items: { key: string; path: Path }[]): void {
  const seen = new Map<string, Path>();
  for (const { key, path } of items) {
    const first = seen.get(key);
    if (first) issue(ctx, path, `duplicate key "${key}" (first used at ${first.join('.')})`);
    else seen.set(key, path);
  }
}

const keyed = (list: { key: string }[] | undefined, base: Path) =>
  (list ?? []).map((x, i) => ({ key: x.key, path: [...base, i, 'key'] }));

// Prompt keys are unique across the whole template because journal entries refer to them.
function checkKeys(t: TemplateShape, ctx: Ctx): void {
  checkUnique(ctx, keyed(t.phases, ['phases']));
  checkUnique(ctx, t.phases.flatMap((p, i) => keyed(p.promptBank, ['phases', i, 'promptBank'])));
  checkUnique(ctx, keyed(t.commitments, ['commitments']));
  checkUnique(ctx, keyed(t.reflectionPrompts, ['reflectionPrompts']));
  checkUnique(ctx, keyed(t.eligibility?.criteria, ['eligibility', 'criteria']));
  checkUnique(ctx, keyed(t.eligibility?.expectations, ['eligibility', 'expectations']));
  checkUnique(ctx, keyed(t.goodFitSurvey?.questions, ['goodFitSurvey', 'questions']));
  checkUnique(ctx, keyed(t.endings?.paths, ['endings', 'paths']));
  checkUnique(ctx, keyed(t.sessions, ['sessions']));
  t.sessions?.forEach((s, i) => checkUnique(ctx, keyed(s.checkInTriggers, ['sessions', i, 'checkInTriggers'])));
  t.goodFitSurvey?.questions.forEach((q, i) =>
    checkUnique(ctx, keyed(q.choices, ['goodFitSurvey', 'questions', i, 'choices'])),
  );
}

function checkSurvey(t: TemplateShape, ctx: Ctx): void {
  t.goodFitSurvey?.questions.forEach((q, i) => {
    const at: Path = ['goodFitSurvey', 'questions', i, 'choices'];
    const hasChoices = (q.choices?.length ?? 0) > 0;
    if (q.type === 'choice' && !hasChoices) issue(ctx, at, 'is required for a choice question');
    if (q.type !== 'choice' && q.choices !== undefined) issue(ctx, at, `is only allowed on choice questions`);
  });
}

function checkScope(t: TemplateShape, ctx: Ctx): void {
  const scope = t.releaseOfInformation?.scope ?? [];
  if (new Set(scope).size !== scope.length) issue(ctx, ['releaseOfInformation', 'scope'], 'lists a field twice');
  // Stepped care reports to the program; a program that steps back after the match never does.
  if (t.steppedCare && t.participation?.reportsToProgram === false) issue(ctx, ['steppedCare'], 'needs a program that reports to the program (participation.reportsToProgram)');
  const due = t.finalCaseReview?.weekDue;
  if (due !== undefined && t.weeks !== undefined && due > t.weeks) {
    issue(ctx, ['finalCaseReview', 'weekDue'], `must be ≤ ${t.weeks} (weeks)`);
  }
}

// Each kind needs the parts its rules depend on; everything else stays optional.
function checkKindParts(t: TemplateShape, ctx: Ctx): void {
  if (t.kind === 'peer-recovery') {
    if (!t.releaseOfInformation) issue(ctx, ['releaseOfInformation'], 'is required for a peer-recovery program');
    if (!t.goodFitSurvey) issue(ctx, ['goodFitSurvey'], 'is required for a peer-recovery program');
  }
  if (t.kind === 'session-framework' && !t.sessions?.length) {
    issue(ctx, ['sessions'], 'is required for a session-framework program');
  }
}

// The neutral preview must not give the program away, and mentor questions must pair with real survey questions.
function checkCare(t: TemplateShape, ctx: Ctx): void {
  if (t.notificationPreview.toLowerCase().includes(t.name.toLowerCase())) issue(ctx, ['notificationPreview'], "must not contain the program's name");
  t.mentorQuestions?.forEach((q, i) => {
    const paired = t.goodFitSurvey?.questions.find((s) => s.key === q.pairsWith);
    if (!paired) issue(ctx, ['mentorQuestions', i, 'pairsWith'], `names no good-fit survey question "${q.pairsWith}"`);
    const known = new Set(paired?.choices?.map((c) => c.key) ?? []);
    q.choices.forEach((c, j) => c.satisfies.forEach((k) => { if (!known.has(k)) issue(ctx, ['mentorQuestions', i, 'choices', j, 'satisfies'], `names no choice "${k}" of ${q.pairsWith}`); }));
  });
}

export const ZProgramTemplate = ZTemplateShape.superRefine((t, ctx) => {
  checkPhaseWeeks(t, ctx);
  checkPhaseDetails(t, ctx);
  checkKeys(t, ctx);
  checkSurvey(t, ctx);
  checkScope(t, ctx);
  checkKindParts(t, ctx);
  checkCare(t, ctx);
  checkCertificationRules(t, (path, message) => issue(ctx, path, message));
});
export type ProgramTemplate = z.infer<typeof ZProgramTemplate>;
