// Which reflection prompt is current: the phase's bank, rotated by program week, so everyone in
// the same week of the same phase sees the same prompt and a repeated command never changes it.
import { programPosition } from '../clock/index.js';
import type { Enrollment } from '../domain.js';
import type { KeyedText, Phase, ProgramTemplate } from '../programs/template-schema.js';
import { formatLocalDate } from '../time/local-date.js';
import { localMidnight } from '../clock/index.js';

export type PromptState =
  | { kind: 'prompt'; week: number; phase: Phase; prompt: KeyedText }
  | { kind: 'not-started'; startDate: string | null }
  | { kind: 'finished' }
  | { kind: 'no-bank'; week: number; phase: Phase | null };

/** The bank's prompt for a program week inside the phase: week by week, wrapping round. */
export function promptForWeek(phase: Phase, week: number): KeyedText | null {
  const bank = phase.promptBank;
  if (bank.length === 0) return null;
  const offset = Math.max(0, week - phase.startWeek);
  return bank[offset % bank.length]!;
}

export function currentPrompt(template: ProgramTemplate, enrollment: Pick<Enrollment, 'startDate' | 'pauses'>, timeZone: string, now: Date): PromptState {
  if (!enrollment.startDate) return { kind: 'not-started', startDate: null };
  const position = programPosition({ startDate: enrollment.startDate, timeZone, pauses: enrollment.pauses, template }, now);
  if (position.state === 'not-started') return { kind: 'not-started', startDate: enrollment.startDate };
  if (position.state === 'finished') return { kind: 'finished' };
  const prompt = position.phase ? promptForWeek(position.phase, position.week) : null;
  if (!position.phase || !prompt) return { kind: 'no-bank', week: position.week, phase: position.phase };
  return { kind: 'prompt', week: position.week, phase: position.phase, prompt };
}

/** A prompt by key anywhere in the template (journal entries keep the key, not the words). */
export function findPrompt(template: ProgramTemplate, key: string): { phase: Phase; prompt: KeyedText } | null {
  for (const phase of template.phases) {
    const prompt = phase.promptBank.find((p) => p.key === key);
    if (prompt) return { phase, prompt };
  }
  return null;
}

/**
 * The question a journal entry answers, in the template's words: a weekly prompt from a phase's
 * bank, or one of the questions asked when the person joined (their answers open the journal).
 * Null only for a key the template no longer has.
 */
export function questionOf(template: ProgramTemplate, key: string): string | null {
  return findPrompt(template, key)?.prompt.text ?? template.reflectionPrompts?.find((p) => p.key === key)?.text ?? null;
}

/** Why there is no prompt to answer, in words for the person. */
export function noPromptText(state: Exclude<PromptState, { kind: 'prompt' }>, timeZone: string): string {
  switch (state.kind) {
    case 'not-started':
      return state.startDate
        ? `Your program starts on ${formatLocalDate(localMidnight({ startDate: state.startDate, timeZone, pauses: [] }, 0), timeZone)}; the first reflection prompt comes in week 1.`
        : "Your program hasn't started yet, so there is no reflection prompt to answer.";
    case 'finished':
      return 'Your program has finished, so there are no new reflection prompts. Your journal stays yours: `/mentor journal`.';
    case 'no-bank':
      return `Week ${state.week}${state.phase ? ` (${state.phase.name})` : ''} has no reflection prompts in this program.`;
  }
}
