import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/errors.js';
import { parseDurationMinutes } from '../../../src/core/time/duration.js';

describe('parseDurationMinutes', () => {
  it.each<[string, number]>([
    ['45m', 45],
    ['1h', 60],
    ['1h30m', 90],
    ['1.5h', 90],
    ['0.25h', 15],
    ['8d', 8 * 24 * 60],
    ['2w', 2 * 7 * 24 * 60],
    ['1d12h', 36 * 60],
    ['1H30M', 90],
    [' 1h 30m ', 90],
    ['1.33m', 1],
  ])('reads %j as %i minutes', (text, minutes) => {
    expect(parseDurationMinutes(text)).toBe(minutes);
  });

  it.each(['', 'abc', '45', 'm', '45x', '-5m', '1h30', 'h1', '1..5h', '1,5h', '45 minutes'])('refuses %j with a UserError that shows examples', (text) => {
    expect(() => parseDurationMinutes(text)).toThrow(UserError);
    expect(() => parseDurationMinutes(text)).toThrow(/not a length of time I understand.*45m, 1h30m or 1\.5h/);
  });

  it('refuses units outside the allowed set (calls allow only hours and minutes)', () => {
    expect(parseDurationMinutes('1h30m', 'hm')).toBe(90);
    expect(() => parseDurationMinutes('8d', 'hm')).toThrow(UserError);
  });
});
