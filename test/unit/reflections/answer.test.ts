import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.js';
import { parseCheckInReason } from '../../../src/core/check-ins/debrief.js';
import { MAX_ANSWER_CHARS, validateAnswer } from '../../../src/core/reflections/save.js';

const failure = (fn: () => unknown): UserError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
};

describe('reflection answers', () => {
  it('keeps the answer, trimmed', () => {
    expect(validateAnswer('  I held the silence longer.  ')).toBe('I held the silence longer.');
  });

  it('refuses an empty or blank answer with the usage', () => {
    const error = failure(() => validateAnswer('   \n ', '/mentor reflect'));
    expect(error.code).toBe('EMPTY_ANSWER');
    expect(error.usage).toBe('/mentor reflect');
  });

  it(`accepts exactly ${MAX_ANSWER_CHARS} characters and refuses one more, saying by how much`, () => {
    expect(validateAnswer('a'.repeat(MAX_ANSWER_CHARS))).toHaveLength(MAX_ANSWER_CHARS);
    const error = failure(() => validateAnswer('a'.repeat(MAX_ANSWER_CHARS + 1)));
    expect(error.code).toBe('ANSWER_TOO_LONG');
    expect(error.message).toContain(`${MAX_ANSWER_CHARS + 1} characters`);
    expect(error.message).toContain('by 1');
  });
});

describe('check-in reasons', () => {
  it('maps the words people type to stored reasons', () => {
    expect(parseCheckInReason('failed-activity')).toBe('failed_activity');
    expect(parseCheckInReason('SAFETY')).toBe('safety');
  });

  it('refuses an unknown or missing reason, listing the allowed ones', () => {
    expect(failure(() => parseCheckInReason('worried')).message).toMatch(/"worried" is not a check-in reason.*safety, impasse, failed-activity, uncertain/);
    expect(failure(() => parseCheckInReason(undefined)).message).toMatch(/needs a reason/);
  });
});
