import { describe, expect, it } from 'vitest';
import { memo } from '../../../src/core/nudges/local-time.js';

describe('memo (zone arithmetic cache)', () => {
  it('computes each (text, n, m) once and keeps the three apart', () => {
    const calls: string[] = [];
    const f = memo(100, (text, n, m) => (calls.push(`${text}|${n}|${m}`), `${text}:${n}:${m}`));
    expect(f('Europe/London', 5, 540)).toBe('Europe/London:5:540');
    expect(f('Europe/London', 5, 540)).toBe('Europe/London:5:540');
    expect(f('Europe/London', 540, 5)).toBe('Europe/London:540:5');
    expect(f('Asia/Kolkata', 5, 540)).toBe('Asia/Kolkata:5:540');
    expect(f('Asia/Kolkata', 5)).toBe('Asia/Kolkata:5:0');
    expect(calls).toEqual(['Europe/London|5|540', 'Europe/London|540|5', 'Asia/Kolkata|5|540', 'Asia/Kolkata|5|0']);
  });

  it('remembers a computed null, and starts over past its limit', () => {
    let calls = 0;
    const f = memo(3, (_text, n) => (calls++, n % 2 ? null : n));
    f('z', 1);
    f('z', 1);
    expect(calls).toBe(1);
    for (let n = 2; n <= 5; n++) f('z', n); // the fourth distinct answer overflows: the cache empties
    f('z', 1);
    expect(calls).toBe(6);
  });
});
