import { describe, expect, it } from 'vitest';
import { describeError } from '../../../src/app/boot.js';

describe('start-up failure line', () => {
  it('uses the error message', () => {
    expect(describeError(new Error('database "x" does not exist'))).toBe('database "x" does not exist');
  });

  it('spells out every cause of an AggregateError (a refused dual-stack connect has no message)', () => {
    const refused = (address: string) => Object.assign(new Error(`connect ECONNREFUSED ${address}`), { code: 'ECONNREFUSED' });
    expect(describeError(new AggregateError([refused('::1:5432'), refused('127.0.0.1:5432')], ''))).toBe(
      'connect ECONNREFUSED ::1:5432; connect ECONNREFUSED 127.0.0.1:5432',
    );
  });

  it('falls back to the code or the name when an error has no message', () => {
    expect(describeError(Object.assign(new Error(''), { code: 'ETIMEDOUT' }))).toBe('ETIMEDOUT');
    expect(describeError(new TypeError(''))).toBe('TypeError');
  });

  it('prints what was thrown when it is not an Error', () => {
    expect(describeError('plain text')).toBe('plain text');
  });
});
