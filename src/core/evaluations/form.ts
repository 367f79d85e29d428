import { DateTime } from 'luxon';
import { z } from 'zod';
import type { ActionSpec, CommandContext, FormSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { fieldErrorsOf, refilled } from '../commands/form-checks.js';
import { formReply, message, privateReply, type Button, type Form, type Outcome } from '../messages/model.js';
import { answerKey, receiptKey } from './occasions.js';
import { openEvaluation } from './open.js';
import { COMMENT_KEY, COMMENT_LABEL, MAX_COMMENT, RATING_LABELS, RATING_QUESTIONS, RATINGS } from './questions.js';

export const OPEN_ACTION = 'evaluation.open';
export const EVALUATION_FORM = 'evaluation';

/** The button the nudge engine puts in an evaluation reminder. */
export const evaluationButton = (enrollmentId: string, occasion: string): Button => ({
  action: OPEN_ACTION, value: `${enrollmentId}:${occasion}`, label: 'Answer the program survey', style: 'primary',
});

function evaluationForm(context: string): Form {
  return {
    id: EVALUATION_FORM,
    title: 'How the program runs',
    submitLabel: 'Send anonymously',
    context,
    inputs: [
      ...RATING_QUESTIONS.map((q) => ({ kind: 'choice' as const, id: q.key, label: q.label, choices: RATINGS.map((r) => ({ value: String(r), label: RATING_LABELS[r]! })) })),
      { kind: 'multiline', id: COMMENT_KEY, label: COMMENT_LABEL, optional: true, maxLength: MAX_COMMENT },
    ],
  };
}

const ZRating = z.enum(RATINGS.map(String) as [string, ...string[]]);

function parseAnswers(values: Record<string, string>, questions = RATING_QUESTIONS): { ratings: Record<string, number>; comment: string | null } {
  const ratings: Record<string, number> = {};
  for (const q of questions) {
    const parsed = ZRating.safeParse(values[q.key]?.trim());
    if (!parsed.success) throw new UserError(`Please rate "${q.label}" from 1 to 5.`, { code: 'INVALID_ARGUMENT' });
    ratings[q.key] = Number(parsed.data);
  }
  const comment = values[COMMENT_KEY]?.trim() || null;
  if (comment && comment.length > MAX_COMMENT) throw new UserError(`The suggestion can be up to ${MAX_COMMENT} characters.`, { code: 'TOO_LONG' });
  return { ratings, comment };
}

export const openAction: ActionSpec = {
  action: OPEN_ACTION,
  async run(ctx, value) {
    await openEvaluation(ctx, value);
    return formReply(evaluationForm(value));
  },
};

/**
 * The answer keeps only the month it came in: an exact time would let anyone holding the
 * database line it up with the receipt, which names the enrollment.
 */
const submittedMonth = (now: Date): Date => DateTime.fromJSDate(now, { zone: 'utc' }).startOf('month').toJSDate();

async function submit(ctx: CommandContext, values: Record<string, string>, context: string | undefined): Promise<Outcome> {
  const { enrollment, program, occasion } = await openEvaluation(ctx, context);
  const { ratings, comment } = parseAnswers(values);
  const recorded = await ctx.store.evaluations.record({
    receipt: { enrollmentId: enrollment.id, occasion: receiptKey(occasion), answeredAt: ctx.now },
    answer: { programId: program.id, occasion: answerKey(occasion), ratings, comment, submittedAt: submittedMonth(ctx.now) },
  });
  if (!recorded) throw new UserError("You've already answered this survey — thank you.", { code: 'DUPLICATE' });
  // No audit entry: it would tie the person to the moment of an anonymous answer.
  return privateReply(message(`Thank you. Your answers about how ${program.name} runs are stored without your name and are only ever shown counted together with everyone else's.`));
}

/** The survey's own checks, per question, before anything is recorded. */
function validate(values: Record<string, string>): Record<string, string> {
  const checks: Record<string, () => unknown> = Object.fromEntries(RATING_QUESTIONS.map((q) => [q.key, () => parseAnswers({ ...values, [COMMENT_KEY]: '' }, [q])]));
  checks[COMMENT_KEY] = () => parseAnswers(values, []);
  return fieldErrorsOf(checks);
}

export const evaluationFormSpec: FormSpec = {
  formId: EVALUATION_FORM,
  validate,
  // No look-up needed: the survey's questions are the same for everyone.
  refill: (_ctx, values, context) => refilled(evaluationForm(context ?? ''), values),
  run: submit,
};
