import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FormStash } from '../../../src/adapters/discord/form-stash.js';
import { readModalValues } from '../../../src/adapters/discord/read-modal.js';
import { moreTemplate, renderModal, type LabelComponent, type Modal } from '../../../src/adapters/discord/render-form.js';
import { ed25519PublicKey, verifyDiscordRequest } from '../../../src/adapters/discord/verify.js';
import type { Form } from '../../../src/core/messages/model.js';
import { expectWithinModalLimits } from '../../integration/discord/limits-check.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/discord/${name}`, import.meta.url), 'utf8'));

const form = (inputs: Form['inputs'], title = 'Log a call'): Form => ({ id: 'f', title, submitLabel: 'Save', inputs });
const labels = (m: Modal) => m.components.filter((c): c is LabelComponent => c.type === 18);

describe('renderModal', () => {
  it('wraps each input in a Label, with required, placeholder, initial value and length limits', () => {
    const modal = renderModal(form([
      { kind: 'text', id: 'duration', label: 'How long? (e.g. 45m, 1h30m)', maxLength: 10, placeholder: '45m' },
      { kind: 'multiline', id: 'notes', label: 'Private notes', optional: true, initial: 'so far' },
      { kind: 'date', id: 'date', label: 'When', initial: '2026-03-02' },
    ]), 'f||f|');
    expectWithinModalLimits(modal);
    expect(labels(modal).map((c) => c.component)).toEqual([
      { type: 4, custom_id: 'duration', style: 1, required: true, placeholder: '45m', max_length: 10 },
      { type: 4, custom_id: 'notes', style: 2, required: false, value: 'so far', max_length: 4000 },
      { type: 4, custom_id: 'date', style: 1, required: true, placeholder: 'YYYY-MM-DD', value: '2026-03-02', min_length: 10, max_length: 10 },
    ]);
  });

  it('shortens a long title and label to 45 characters and keeps the whole label in the description', () => {
    const label = 'Is there anything your mentor should know before your first call together?';
    const modal = renderModal(form([{ kind: 'text', id: 'a', label }], 'A title that is much longer than forty-five characters'), 'x');
    expectWithinModalLimits(modal);
    expect(labels(modal)[0]!.label).toHaveLength(45);
    expect(labels(modal)[0]!.description).toBe(label);
  });

  it('offers a choice as a select with the initial one chosen, and past 25 choices as text naming the values', () => {
    const few = renderModal(form([{ kind: 'choice', id: 'kind', label: 'Kind', initial: 'peer', choices: [{ value: 'supervision', label: 'Supervision' }, { value: 'peer', label: 'Peer' }] }]), 'x');
    expect(labels(few)[0]!.component).toMatchObject({ type: 3, required: true, min_values: 1, options: [{ value: 'supervision' }, { value: 'peer', default: true }] });
    const many = renderModal(form([{ kind: 'choice', id: 'c', label: 'City', choices: Array.from({ length: 26 }, (_, i) => ({ value: `c${i}`, label: `C${i}` })) }]), 'x');
    expectWithinModalLimits(many);
    expect(labels(many)[0]!.component).toMatchObject({ type: 4, custom_id: 'c' });
    expect(labels(many)[0]!.description).toMatch(/^One of: c0, c1/);
  });

  it('offers a multi-choice as a select of any number of options, long labels continued in the description, chosen ones preselected', () => {
    const situation = 'The client is drawn to an opportunity in a place that may be unsafe, or that carries risks of its own.';
    const modal = renderModal(form([{ kind: 'multi-choice', id: 'check_ins', label: 'Did any of these happen?', optional: true, initial: 'stuck', choices: [
      { value: 'risky-setting', label: situation },
      { value: 'stuck', label: 'You met strong resistance and could not find a way forward.' },
      { value: 'fell-flat', label: 'The activity offered no real way to engage.' },
    ] }]), 'x');
    expectWithinModalLimits(modal);
    const select = labels(modal)[0]!.component as { options: { label: string; description?: string; default?: boolean }[] };
    expect(select).toMatchObject({ type: 3, custom_id: 'check_ins', required: false, min_values: 0, max_values: 3 });
    const [long, chosen] = select.options;
    expect(long!.label.length).toBeLessThanOrEqual(100);
    expect(`${long!.label} ${long!.description}`).toBe(situation);
    expect(chosen).toMatchObject({ value: 'stuck', default: true });
    // Submitted, the chosen values reach the core joined by commas.
    expect(readModalValues([{ type: 18, component: { type: 3, custom_id: 'check_ins', values: ['risky-setting', 'stuck'] } }])).toEqual({ check_ins: 'risky-setting,stuck' });
    // None chosen: no answer at all.
    expect(readModalValues([{ type: 18, component: { type: 3, custom_id: 'check_ins', values: [] } }])).toEqual({});
  });

  it('gathers inputs past the fourth into one pre-filled box when a form has more than five', () => {
    const inputs: Form['inputs'] = Array.from({ length: 8 }, (_, i) => ({ kind: 'text' as const, id: `q${i}`, label: `Question ${i}` }));
    const modal = renderModal(form(inputs), 'x', () => 'KEY');
    expectWithinModalLimits(modal);
    expect(labels(modal).map((c) => c.component.custom_id)).toEqual(['q0', 'q1', 'q2', 'q3', '__more|KEY']);
    expect((labels(modal)[4]!.component as { value: string }).value).toBe('Question 4: \nQuestion 5: \nQuestion 6: \nQuestion 7: ');
  });

  it('shows a label too long for Discord (a release’s wording) in full as text above its input', () => {
    const wording = `I agree that my first name and phone number may be given to my mentor. ${'More terms. '.repeat(60)}`;
    const modal = renderModal(form([
      { kind: 'text', id: 'first_name', label: 'First name' },
      { kind: 'choice', id: 'agree', label: wording, choices: [{ value: 'sign', label: 'I sign' }, { value: 'decline', label: 'I do not' }] },
    ]), 'x');
    expectWithinModalLimits(modal);
    expect(modal.components.map((c) => c.type)).toEqual([18, 10, 18]);
    expect(modal.components[1]).toEqual({ type: 10, content: wording });
    expect(labels(modal)[1]!.description).toBe('Read the full text above.');
  });

  it('still fits five components when long labels and more than five inputs come together', () => {
    const inputs: Form['inputs'] = Array.from({ length: 7 }, (_, i) => ({ kind: 'text' as const, id: `q${i}`, label: i % 2 ? 'L'.repeat(150) : `Question ${i}` }));
    const modal = renderModal(form(inputs), 'x', () => 'K');
    expectWithinModalLimits(modal);
    const ids = labels(modal).map((c) => c.component.custom_id);
    expect(ids.at(-1)).toBe('__more|K');
    expect(modal.components.filter((c) => c.type === 10).length).toBeGreaterThan(0);
  });
});

describe('readModalValues', () => {
  it('reads the legacy action-row layout of the docs example', () => {
    expect(readModalValues(fixture('modal-submit.json').data.components)).toEqual({ name: 'John' });
  });

  it('reads the current Label layout of the docs example', () => {
    expect(readModalValues(fixture('modal-submit-label.json').data.components)).toEqual({
      game_feedback: 'The recent changes to acceleration feel much better, but shadows still need help',
      game_title: 'Racing',
    });
  });

  it('reads a select’s chosen value and leaves out empty answers', () => {
    const values = readModalValues([{ type: 18, component: { type: 3, custom_id: 'kind', values: ['peer'] } }, { type: 18, component: { type: 4, custom_id: 'notes', value: '  ' } }]);
    expect(values).toEqual({ kind: 'peer' });
  });

  it('reads the combined box by label, answers over several lines, hints and (optional) ignored', () => {
    const stash = new FormStash();
    const f = form([
      { kind: 'date', id: 'start', label: 'Start date' },
      { kind: 'choice', id: 'pace', label: 'Pace', choices: [{ value: 'weekly', label: 'W' }] },
      { kind: 'multiline', id: 'goals', label: 'Goals: near and far', optional: true },
    ]);
    const key = stash.put({ form: f });
    expect(moreTemplate(f.inputs)).toBe('Start date (YYYY-MM-DD): \nPace (weekly): \nGoals: near and far (optional): ');
    const typed = 'Start date (YYYY-MM-DD): 2026-04-01\nPace (weekly): weekly\nGoals: near and far (optional): first line\nsecond: line';
    expect(readModalValues([{ type: 18, component: { type: 4, custom_id: `__more|${key}`, value: typed } }], (k) => stash.get(k)?.form)).toEqual({
      start: '2026-04-01',
      pace: 'weekly',
      goals: 'first line\nsecond: line',
    });
  });
});

describe('verifyDiscordRequest', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const hex = publicKey.export({ format: 'der', type: 'spki' }).subarray(12).toString('hex');
  const key = ed25519PublicKey(hex);
  const now = 1_780_000_000_000;
  const ts = String(now / 1000);
  const body = Buffer.from('{"type":1}');
  const signature = sign(null, Buffer.concat([Buffer.from(ts), body]), privateKey).toString('hex');

  it('accepts Discord’s signature over timestamp + body', () => {
    expect(verifyDiscordRequest(key, { signature, timestamp: ts, body }, now)).toBe('ok');
  });

  it('refuses a changed body, a changed timestamp, a missing header, and a stale timestamp', () => {
    expect(verifyDiscordRequest(key, { signature, timestamp: ts, body: Buffer.from('{"type":2}') }, now)).toBe('bad-signature');
    expect(verifyDiscordRequest(key, { signature, timestamp: String(Number(ts) + 1), body }, now)).toBe('bad-signature');
    expect(verifyDiscordRequest(key, { signature: undefined, timestamp: ts, body }, now)).toBe('missing-headers');
    expect(verifyDiscordRequest(key, { signature, timestamp: ts, body }, now + 6 * 60_000)).toBe('stale');
  });

  it('rejects a public key that is not 32 bytes', () => {
    expect(() => ed25519PublicKey('abcd')).toThrow(/32 bytes/);
  });
});
