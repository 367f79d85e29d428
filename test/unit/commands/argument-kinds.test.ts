import { describe, expect, it } from 'vitest';
import { checkWord, looksLike, normalMention, placeholder, type ArgSpec } from '../../../src/core/commands/arguments/kinds.js';
import { argsOf, checkDeclaration } from '../../../src/core/commands/arguments/declared.js';
import { readOptions, readText } from '../../../src/core/commands/arguments/read.js';
import { textNaming } from '../../../src/core/commands/naming.js';
import type { CommandSpec } from '../../../src/core/commands/types.js';

const arg = (kind: ArgSpec['kind'], extra: Partial<ArgSpec> = {}): ArgSpec => ({ name: 'x', kind, description: 'x', ...extra });
const value = (spec: ArgSpec, word: string, typed = false) => {
  const r = checkWord(spec, word, typed);
  return r.ok ? r.value : `ERR ${r.problem}`;
};

describe('argument kinds', () => {
  it('reads durations as minutes and refuses days or nonsense', () => {
    expect(value(arg('duration'), '1h30m')).toBe(90);
    expect(value(arg('duration'), '45m')).toBe(45);
    expect(value(arg('duration'), '2d')).toMatch(/^ERR/);
    expect(value(arg('duration'), 'long')).toMatch(/^ERR .*45m/);
  });

  it('reads dates as ISO (padding single digits), today and yesterday, and refuses impossible dates', () => {
    expect(value(arg('date'), '2026-3-2')).toBe('2026-03-02');
    expect(value(arg('date'), 'Today')).toBe('today');
    expect(value(arg('date'), '2026-02-30')).toMatch(/^ERR .*not a real date/);
    expect(value(arg('date'), 'tuesday')).toMatch(/^ERR/);
  });

  it('reads people from Slack and Discord mentions, handles, and bare ids only from typed options', () => {
    expect(normalMention('<@U123|ana>', false)).toBe('<@U123>');
    expect(normalMention('<@!98765>', false)).toBe('<@98765>');
    expect(normalMention('@ana', false)).toBe('@ana');
    expect(normalMention('98765', false)).toBeNull();
    expect(value(arg('person'), '98765', true)).toBe('<@98765>');
  });

  it('reads choices case-insensitively with _ and - alike, times, zones and bounded integers', () => {
    const kind = arg('choice', { choices: ['co-facilitation', 'peer'] });
    expect(value(kind, 'Co_Facilitation')).toBe('co-facilitation');
    expect(value(kind, 'lunch')).toMatch(/^ERR .*co-facilitation, peer/);
    expect(value(arg('time'), '9:05')).toBe('09:05');
    expect(value(arg('time'), '25:00')).toMatch(/^ERR/);
    expect(value(arg('time-zone'), 'Europe/London')).toBe('Europe/London');
    expect(value(arg('time-zone'), 'Mars/Olympus')).toMatch(/^ERR/);
    expect(value(arg('integer', { min: 1, max: 3 }), '2')).toBe(2);
    expect(value(arg('integer', { min: 1 }), '0')).toMatch(/^ERR .*least is 1/);
  });

  it('tells whether a word could be an optional positional of a kind', () => {
    expect(looksLike(arg('date'), '2026-03-02')).toBe(true);
    expect(looksLike(arg('date'), 'good')).toBe(false);
    expect(looksLike(arg('person'), '<@U1>')).toBe(true);
    expect(looksLike(arg('text'), 'anything')).toBe(true);
  });

  it('uses a custom kind’s own reader', () => {
    const colour = arg('custom', { custom: { label: 'colour', check: (w) => (['red', 'blue'].includes(w) ? { ok: true, value: w } : { ok: false, problem: 'not a colour' }) } });
    expect(value(colour, 'red')).toBe('red');
    expect(value(colour, 'green')).toBe('ERR not a colour');
    expect(looksLike(colour, 'blue')).toBe(true);
    expect(placeholder(colour)).toBe('<colour>');
  });
});

describe('variadic arguments', () => {
  const span = arg('custom', {
    name: 'hours',
    variadic: true,
    custom: { label: 'span', check: (w) => (/^\d\d:\d\d\s*-\s*\d\d:\d\d$/.test(w) ? { ok: true, value: w.replace(/\s/g, '') } : { ok: false, problem: `"${w}" is not a span` }) },
  });

  it('a variadic custom argument reads the rest of the line as one value, from text or from a typed option', () => {
    expect(readText([span], ['22:00', '-', '07:00']).get('hours')).toBe('22:00-07:00');
    expect(readOptions([span], { hours: '22:00 - 07:00' }).get('hours')).toBe('22:00-07:00');
  });

  it('variadic people are read one by one, from words or from mentions typed into one option', () => {
    const people = arg('person', { name: 'people', variadic: true });
    expect(readText([people], ['<@U1>', '@bo']).get('people')).toEqual(['<@U1>', '@bo']);
    expect(readOptions([people], { people: '<@111> <@222>' }).get('people')).toEqual(['<@111>', '<@222>']);
  });
});

describe('usage lines come from the declaration', () => {
  const spec: CommandSpec = {
    path: ['log-call'],
    summary: 's',
    requires: 'participant',
    args: [
      { name: 'trainee', kind: 'person', description: 'd', required: false },
      { name: 'duration', kind: 'duration', description: 'd' },
      { name: 'kind', kind: 'choice', description: 'd', choices: ['a', 'b'] },
      { name: 'notes', kind: 'text', description: 'd', required: false, variadic: true },
      { name: 'check-in', kind: 'choice', description: 'd', required: false, flag: true, choices: ['safety', 'impasse'] },
    ],
    run: async () => ({ reply: { visibility: 'private' }, outbound: [] }),
  };

  it('writes required, optional, variadic, choices and flags the way people type them', () => {
    expect(textNaming.usage(spec)).toBe('/mentor log-call [@trainee] <duration> a|b [notes…] [--check-in safety|impasse]');
  });

  it('adds the implicit --program flag to role-checked commands only', () => {
    expect(argsOf(spec).map((a) => a.name)).toContain('program');
    expect(argsOf({ ...spec, requires: 'anyone' }).map((a) => a.name)).not.toContain('program');
  });

  it('refuses malformed declarations when the router is built', () => {
    expect(() => checkDeclaration({ ...spec, args: [{ name: 'Bad Name', kind: 'word', description: 'd' }] })).toThrow(/kebab-case/);
    expect(() => checkDeclaration({ ...spec, args: [{ name: 'k', kind: 'choice', description: 'd' }] })).toThrow(/no choices/);
    expect(() => checkDeclaration({ ...spec, args: [{ name: 'a', kind: 'text', description: 'd', variadic: true }, { name: 'b', kind: 'word', description: 'd' }] })).toThrow(/last positional/);
    expect(() => checkDeclaration({ ...spec, args: [{ name: 'f', kind: 'word', description: 'd', flag: true }] })).toThrow(/optional/);
  });
});
