import { z } from 'zod';
import { scopeOf, type ActionSpec, type Args, type CommandContext, type CommandSpec, type FormSpec } from '../commands/types.js';
import type { Enrollment } from '../domain.js';
import { UserError } from '../errors.js';
import { formReply, message, privateReply, type Block, type Form, type Outcome } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import type { Participation } from '../programs/resolve.js';
import { CHECK_IN_CHOICES, CHECK_IN_LABELS, CHECK_IN_WORDS, parseCheckInReason } from '../check-ins/debrief.js';
import { currentPrompt, findPrompt, noPromptText, type PromptState } from './prompts.js';
import { REFLECTING_ROLES } from './roles.js';
import { MAX_ANSWER_CHARS, saveReflection } from './save.js';

export const ANSWER_ACTION = 'reflection.answer';
export const REFLECTION_FORM = 'reflection';

const stateOf = (ctx: CommandContext, { enrollment, program }: Participation): PromptState =>
  currentPrompt(program.template, enrollment, ctx.actor.timeZone, ctx.now);

function showPrompt(ctx: CommandContext, participation: Participation, state: PromptState): Outcome {
  if (state.kind !== 'prompt') return privateReply(message(noPromptText(state, ctx.actor.timeZone)));
  const blocks: Block[] = [
    { type: 'heading', text: `Reflection — week ${state.week}, ${state.phase.name}` },
    { type: 'text', text: state.prompt.text },
    { type: 'text', text: `Answer with \`/mentor reflect <your answer>\`. Add \`--check-in <${CHECK_IN_CHOICES}>\` to ask for a supervisor debrief — they learn only the reason, never your words. Your journal is private unless you share an entry.` },
    { type: 'actions', buttons: [{ action: ANSWER_ACTION, value: participation.enrollment.id, label: 'Answer in a form', style: 'primary' }] },
  ];
  return privateReply(message(renderPlain(blocks), blocks));
}

async function reflect(ctx: CommandContext, args: Args): Promise<Outcome> {
  const participation = scopeOf(ctx);
  const reason = args.string('check-in');
  const checkIn = reason ? parseCheckInReason(reason) : null;
  const state = stateOf(ctx, participation);
  const answer = args.string('answer');
  if (answer === undefined) {
    if (checkIn) throw new UserError('Write your answer too: a check-in request travels with a reflection.', { code: 'EMPTY_ANSWER', usage: ctx.usage, argument: 'answer' });
    return showPrompt(ctx, participation, state);
  }
  if (state.kind !== 'prompt') throw new UserError(noPromptText(state, ctx.actor.timeZone), { code: 'NO_PROMPT' });
  return saveReflection(ctx, participation, { promptKey: state.prompt.key, week: state.week, answer, checkIn }, ctx.usage);
}

export function reflectionForm(enrollmentId: string, state: Extract<PromptState, { kind: 'prompt' }>): Form {
  return {
    id: REFLECTION_FORM,
    title: `Reflection — week ${state.week}`,
    submitLabel: 'Save',
    context: `${enrollmentId}:${state.prompt.key}:${state.week}`,
    inputs: [
      { kind: 'multiline', id: 'answer', label: 'Your answer (only you can read it)', placeholder: state.prompt.text.slice(0, 100), maxLength: MAX_ANSWER_CHARS },
      {
        kind: 'choice', id: 'checkIn', label: 'Ask for a debrief? (reason only)', optional: true, initial: 'none',
        choices: [{ value: 'none', label: 'No debrief needed' }, ...Object.entries(CHECK_IN_WORDS).map(([value, reason]) => ({ value, label: `Yes: ${CHECK_IN_LABELS[reason]}` }))],
      },
    ],
  };
}

/** The actor's own live enrollment (buttons and forms carry its id, so check who presses them). */
async function ownLiveEnrollment(ctx: CommandContext, id: string): Promise<Participation> {
  const enrollment: Enrollment | null = z.uuid().safeParse(id).success ? await ctx.store.enrollments.get(id) : null;
  const program = enrollment && (await ctx.store.programs.get(enrollment.programId));
  const live = enrollment && (enrollment.status === 'active' || enrollment.status === 'paused');
  if (!enrollment || !program || !live || enrollment.personId !== ctx.actor.id || !REFLECTING_ROLES.includes(enrollment.role)) {
    throw new UserError('That reflection form is not yours or has expired. Run `/mentor reflect` to get your own.', { code: 'FORBIDDEN' });
  }
  return { enrollment, program };
}

const ZContext = z.string().regex(/^([0-9a-f-]{36}):([a-z0-9_-]+):(\d{1,3})$/);

async function submitForm(ctx: CommandContext, values: Record<string, string>, context: string | undefined): Promise<Outcome> {
  const parsed = ZContext.safeParse(context);
  if (!parsed.success) throw new UserError('That form has expired. Run `/mentor reflect` again.', { code: 'FORM_EXPIRED' });
  const [id = '', promptKey = '', weekText = ''] = parsed.data.split(':');
  const participation = await ownLiveEnrollment(ctx, id);
  const week = Number(weekText);
  const weeks = participation.program.template.weeks ?? Infinity;
  if (!findPrompt(participation.program.template, promptKey) || week < 1 || week > weeks) {
    throw new UserError('That form has expired. Run `/mentor reflect` again.', { code: 'FORM_EXPIRED' });
  }
  const choice = values.checkIn?.trim();
  const checkIn = !choice || choice === 'none' ? null : parseCheckInReason(choice);
  return saveReflection(ctx, participation, { promptKey, week, answer: values.answer ?? '', checkIn });
}

export const reflectCommand: CommandSpec = {
  path: ['reflect'],
  summary: "see this week's reflection prompt, or answer it in your private journal",
  args: [
    // No maxLength here: saveReflection says how much too long, for the form as for the command.
    { name: 'answer', kind: 'text', description: 'your answer; only you can read it unless you share it', required: false, variadic: true },
    { name: 'check-in', kind: 'choice', description: 'ask for a supervisor debrief (they learn only the reason)', required: false, flag: true, choices: Object.keys(CHECK_IN_WORDS) },
  ],
  // Mentors and mentees keep journals: 'participant' is exactly REFLECTING_ROLES.
  requires: 'participant',
  run: reflect,
};

export const reflectActions: ActionSpec[] = [
  {
    action: ANSWER_ACTION,
    async run(ctx, value) {
      const participation = await ownLiveEnrollment(ctx, value);
      const state = stateOf(ctx, participation);
      if (state.kind !== 'prompt') throw new UserError(noPromptText(state, ctx.actor.timeZone), { code: 'NO_PROMPT' });
      return formReply(reflectionForm(participation.enrollment.id, state));
    },
  },
];

/** The form's own checks: an answer, within the limit (saveReflection checks again). */
function validateForm(values: Record<string, string>): Record<string, string> {
  const answer = values.answer?.trim() ?? '';
  if (!answer) return { answer: 'Write your answer here — a line or two is plenty.' };
  if (answer.length > MAX_ANSWER_CHARS) return { answer: `Your answer is ${answer.length} characters; the limit is ${MAX_ANSWER_CHARS}. Please shorten it by ${answer.length - MAX_ANSWER_CHARS}.` };
  return {};
}

/** The same form again, holding what was typed, so a refused answer costs nothing to fix. */
async function refill(ctx: CommandContext, values: Record<string, string>, context: string | undefined): Promise<Form | undefined> {
  const parsed = ZContext.safeParse(context);
  if (!parsed.success) return undefined;
  const [id = '', promptKey = '', weekText = ''] = parsed.data.split(':');
  const participation = await ownLiveEnrollment(ctx, id).catch(() => null);
  const found = participation && findPrompt(participation.program.template, promptKey);
  if (!found) return undefined;
  const form = reflectionForm(id, { kind: 'prompt', week: Number(weekText), phase: found.phase, prompt: found.prompt });
  return { ...form, inputs: form.inputs.map((i) => (values[i.id] ? { ...i, initial: values[i.id] } : i)) };
}

export const reflectForms: FormSpec[] = [{ formId: REFLECTION_FORM, run: submitForm, validate: validateForm, refill }];
