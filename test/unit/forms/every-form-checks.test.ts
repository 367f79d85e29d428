import { describe, expect, it } from 'vitest';
import { coreModules } from '../../../src/core/modules.js';

// Forms never lose input: every form the core declares must check its answers per field (so
// Slack can answer `response_action: "errors"`) and refill itself with what was typed (so Discord
// and the console can offer it again). A new form that forgets either fails here.
describe('every form in the core', () => {
  const forms = coreModules().forms ?? [];

  it('there are forms to check', () => {
    expect(forms.map((f) => f.formId)).toEqual(expect.arrayContaining(['join-details', 'log-call', 'release', 'evaluation']));
  });

  it.each(forms.map((f) => [f.formId, f] as const))('%s declares validate and refill', (_id, form) => {
    expect(typeof form.validate).toBe('function');
    expect(typeof form.refill).toBe('function');
  });

  it.each(forms.map((f) => [f.formId, f] as const))('%s names a field when nothing was filled in', (_id, form) => {
    const errors = form.validate!({ availability: 'x'.repeat(5000), answer: '', agree: '', duration: '' }, { now: new Date('2026-03-02T12:00:00Z'), timeZone: 'UTC' });
    expect(Object.keys(errors).length).toBeGreaterThan(0);
  });
});
