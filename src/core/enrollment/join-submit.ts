import { fieldErrorsOf, refilled } from '../commands/form-checks.js';
import type { CommandContext, FormSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Outbound } from '../messages/model.js';
import { describeAvailability, parseAvailability } from '../people/availability.js';
import { coordinatorIds } from '../programs/resolve.js';
import { localDate } from '../time/local-date.js';
import { availabilityInputId, JOIN_FORM, joinForm } from './join-form.js';

const MAX_ANSWER = 2000;

/** Runs a check, naming the form field its refusal belongs to (so the form shows it there). */
function withArgument<T>(argument: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof UserError && !error.argument) throw new UserError(error.message, { code: error.code, argument });
    throw error;
  }
}

/** Checks a submitted join form against the form it answers: required inputs, allowed choices, lengths. */
function validate(values: Record<string, string>, form: ReturnType<typeof joinForm>): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const input of form.inputs) {
    const value = (values[input.id] ?? '').trim();
    if (!value) {
      if (input.optional) continue;
      throw new UserError(`Please answer "${input.label}".`, { code: 'EMPTY_ANSWER', argument: input.id });
    }
    if (input.kind === 'choice' && !input.choices.some((c) => c.value === value)) {
      throw new UserError(`"${value}" is not one of the choices for "${input.label}" (${input.choices.map((c) => c.value).join(', ')}).`, { code: 'INVALID_ARGUMENT', argument: input.id });
    }
    if (value.length > ('maxLength' in input && input.maxLength ? input.maxLength : MAX_ANSWER)) throw new UserError(`Your answer to "${input.label}" is too long.`, { code: 'ANSWER_TOO_LONG', argument: input.id });
    clean[input.id] = value;
  }
  return clean;
}

/**
 * What can be checked without the program (Slack's 3 seconds): the availability answer reads as
 * days and times, and no answer runs past the limit. Required answers and choices depend on the
 * program and role; `run` checks them and names the field (shown with the refilled form).
 */
function validateTyped(values: Record<string, string>): Record<string, string> {
  const checks: Record<string, () => unknown> = {};
  for (const [id, value] of Object.entries(values)) {
    if (value.trim().length > MAX_ANSWER) checks[id] = () => { throw new UserError(`This answer is ${value.trim().length} characters; the limit is ${MAX_ANSWER}.`, { code: 'ANSWER_TOO_LONG' }); };
  }
  if (values.availability?.trim()) checks.availability ??= () => parseAvailability(values.availability!);
  return fieldErrorsOf(checks);
}

async function pendingJoin(ctx: CommandContext, context: string | undefined) {
  const enrollment = context ? await ctx.store.enrollments.get(context) : null;
  if (!enrollment || enrollment.personId !== ctx.actor.id || enrollment.status !== 'pending') return null;
  return { enrollment, program: (await ctx.store.programs.get(enrollment.programId))! };
}

export const joinDetailsForm: FormSpec = {
  formId: JOIN_FORM,
  validate: validateTyped,
  async refill(ctx, values, context) {
    const pending = await pendingJoin(ctx, context);
    return pending ? refilled(joinForm(pending.program, pending.enrollment.role, pending.enrollment.id), values) : undefined;
  },
  async run(ctx, values, context) {
    const pending = await pendingJoin(ctx, context);
    if (!pending) throw new UserError('That form has expired. Run `/mentor join <program>` again.', { code: 'FORM_EXPIRED' });
    const { enrollment, program } = pending;
    const answers = validate(values, joinForm(program, enrollment.role, enrollment.id));
    const availabilityId = availabilityInputId(program, enrollment.role);
    const windows = withArgument(availabilityId, () => parseAvailability(answers[availabilityId] ?? ''));
    const eligibility = program.template.eligibility;
    if (enrollment.role === 'mentor' && eligibility) {
      const eligible = answers.criterion !== 'none' && answers.readiness === 'yes' && answers.expectations === 'agree';
      if (!eligible) {
        return privateReply(message('Thank you for offering. From your answers, mentoring isn\'t the right step just now — one criterion, readiness, and agreeing to the expectations are all needed. Nothing else was recorded, and you can try again any time.'));
      }
      const mentorAnswers = Object.fromEntries((program.template.mentorQuestions ?? []).filter((q) => answers[q.key]).map((q) => [q.key, answers[q.key]!]));
      await ctx.store.enrollments.saveEligibility({ enrollmentId: enrollment.id, criteria: [answers.criterion!], field: answers.field ?? null, readinessConfirmed: true, signedOffAt: ctx.now, expectationsVersion: program.template.version, answers: mentorAnswers });
    } else if (enrollment.role === 'mentor' && answers.field) {
      await ctx.store.enrollments.saveEligibility({ enrollmentId: enrollment.id, criteria: [], field: answers.field, readinessConfirmed: true, signedOffAt: ctx.now, expectationsVersion: program.template.version });
    }
    if (enrollment.role === 'mentee' && program.template.goodFitSurvey) {
      const keys = new Set(program.template.goodFitSurvey.questions.map((q) => q.key));
      await ctx.store.enrollments.saveSurvey(enrollment.id, Object.fromEntries(Object.entries(answers).filter(([k]) => keys.has(k))), ctx.now);
    }
    for (const prompt of program.template.reflectionPrompts ?? []) {
      const answer = answers[prompt.key];
      if (answer && prompt.topic !== 'availability') await ctx.store.reflections.create({ enrollmentId: enrollment.id, promptKey: prompt.key, week: 0, answer, checkIn: null, createdAt: ctx.now });
    }
    await ctx.store.people.setAvailability(ctx.actor.id, windows);
    await ctx.store.enrollments.update(enrollment.id, { status: 'active', startDate: localDate(ctx.now, ctx.actor.timeZone) });
    const outbound: Outbound[] = (await coordinatorIds(ctx, program.id))
      .filter((id) => id !== ctx.actor.id)
      .map((personId) => ({ to: { kind: 'person', personId }, message: message(`${ctx.actor.displayName} joined ${program.name} as ${enrollment.role}.`) }));
    const next = enrollment.role === 'mentee' ? 'A coordinator will suggest a match for you.' : 'A coordinator will let you know when you are matched.';
    return privateReply(message(`Welcome to ${program.name}! Your week 1 starts today. Availability noted: ${describeAvailability(windows)}. ${next} \`/mentor status\` shows where you are any time.`), outbound);
  },
};
