import { describe, expect, it } from 'vitest';
import { findTemplate } from '../../../src/core/programs/load-templates.js';
import { ZProgramTemplate, type ProgramTemplate } from '../../../src/core/programs/template-schema.js';
import { currentPrompt, findPrompt, noPromptText, promptForWeek } from '../../../src/core/reflections/prompts.js';

const cert = findTemplate('certification-40-week')!;
const zone = 'Europe/London';
const enrolled = (startDate: string | null, pauses: { start: Date; end: Date | null }[] = []) => ({ startDate, pauses });
const keyAt = (template: ProgramTemplate, startDate: string, now: string) => {
  const state = currentPrompt(template, enrolled(startDate), zone, new Date(now));
  return state.kind === 'prompt' ? `${state.week}:${state.prompt.key}` : state.kind;
};

describe('reflection prompt of the week', () => {
  it('walks the phase bank week by week and wraps round after its last prompt', () => {
    const foundation = cert.phases[0]!;
    const keys = [1, 2, 3, 4, 5, 6, 7].map((w) => promptForWeek(foundation, w)?.key);
    expect(keys).toEqual([...foundation.promptBank.map((p) => p.key), foundation.promptBank[0]!.key]);
  });

  it('follows the program week in the person’s zone (Monday start, week 2 from the next Monday)', () => {
    expect(keyAt(cert, '2026-03-02', '2026-03-08T12:00:00Z')).toBe('1:foundation-observation');
    expect(keyAt(cert, '2026-03-02', '2026-03-09T00:30:00Z')).toBe('2:foundation-opening');
  });

  it('starts a new phase at the first prompt of its own bank', () => {
    // Week 13 begins 12 weeks after the start date.
    expect(keyAt(cert, '2026-03-02', '2026-05-26T12:00:00Z')).toBe('13:guided-co-lead');
  });

  it('holds the prompt still while the program is paused', () => {
    const pauses = [{ start: new Date('2026-03-04T12:00:00Z'), end: null }];
    const state = currentPrompt(cert, enrolled('2026-03-02', pauses), zone, new Date('2026-03-30T12:00:00Z'));
    expect(state.kind === 'prompt' && state.week).toBe(1);
  });

  it('has no prompt before the start, naming the start date', () => {
    const state = currentPrompt(cert, enrolled('2026-04-06'), zone, new Date('2026-03-30T12:00:00Z'));
    expect(state).toEqual({ kind: 'not-started', startDate: '2026-04-06' });
    if (state.kind !== 'prompt') expect(noPromptText(state, zone)).toContain('Mon 6 Apr 2026');
  });

  it('has no prompt without a start date or after the last week', () => {
    expect(currentPrompt(cert, enrolled(null), zone, new Date('2026-03-30T12:00:00Z')).kind).toBe('not-started');
    expect(keyAt(cert, '2025-01-06', '2026-03-30T12:00:00Z')).toBe('finished');
  });

  it('says so when the phase has no prompt bank', () => {
    const raw = structuredClone(cert) as ProgramTemplate;
    raw.phases[0]!.promptBank = [];
    const bare = ZProgramTemplate.parse(raw);
    const state = currentPrompt(bare, enrolled('2026-03-02'), zone, new Date('2026-03-03T12:00:00Z'));
    expect(state).toMatchObject({ kind: 'no-bank', week: 1 });
    if (state.kind !== 'prompt') expect(noPromptText(state, zone)).toMatch(/Week 1 \(Foundations\) has no reflection prompts/);
  });

  it('finds a prompt by key in any phase, and nothing for an unknown key', () => {
    expect(findPrompt(cert, 'independent-ethics')?.phase.key).toBe('independent-practice');
    expect(findPrompt(cert, 'no-such-prompt')).toBeNull();
  });
});
