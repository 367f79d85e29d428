import { UserError } from '../errors.js';

const UNIT_MINUTES: Record<string, number> = { w: 7 * 24 * 60, d: 24 * 60, h: 60, m: 1 };

/**
 * Parses `45m`, `1h30m`, `1.5h`, `8d`, `2w` into minutes. Decimals are allowed on any unit;
 * the result is rounded to whole minutes.
 */
export function parseDurationMinutes(text: string, allowed = 'wdhm'): number {
  const compact = text.trim().toLowerCase().replace(/\s+/g, '');
  const pattern = new RegExp(`^(?:(\\d+(?:\\.\\d+)?)([${allowed}]))+$`);
  if (!pattern.test(compact)) {
    throw new UserError(`"${text}" is not a length of time I understand. Try something like 45m, 1h30m or 1.5h.`, { code: 'BAD_DURATION' });
  }
  let minutes = 0;
  for (const part of compact.matchAll(/(\d+(?:\.\d+)?)([wdhm])/g)) minutes += Number(part[1]) * UNIT_MINUTES[part[2]!]!;
  return Math.round(minutes);
}
