import { describe, expect, it } from 'vitest';
import { describeAvailability, parseAvailability } from '../../../src/core/people/availability.js';

// Availability as people write it, read into weekly windows in their own zone.
describe('availability in everyday words', () => {
  it.each([
    ['Tue/Thu evenings', 'Tue 17:00-21:00, Thu 17:00-21:00'],
    ['tue & thu evenings', 'Tue 17:00-21:00, Thu 17:00-21:00'],
    ['Mon and Wed 18-20', 'Mon 18:00-20:00, Wed 18:00-20:00'],
    ['weekday mornings', 'Mon 08:00-12:00, Tue 08:00-12:00, Wed 08:00-12:00, Thu 08:00-12:00, Fri 08:00-12:00'],
    ['weekends', 'Sat, Sun'],
    ['anytime', 'Mon, Tue, Wed, Thu, Fri, Sat, Sun'],
    ['evenings', 'Mon 17:00-21:00, Tue 17:00-21:00, Wed 17:00-21:00, Thu 17:00-21:00, Fri 17:00-21:00, Sat 17:00-21:00, Sun 17:00-21:00'],
    ['Mondays 6pm-8pm, Sat', 'Mon 18:00-20:00, Sat'],
    ['Mon 18:00-20:00, Thu 12-13', 'Mon 18:00-20:00, Thu 12:00-13:00'],
  ])('reads "%s"', (text, windows) => expect(describeAvailability(parseAvailability(text))).toBe(windows));

  it('answers what it cannot read with an example of what works', () => {
    expect(() => parseAvailability('when the kids are asleep')).toThrow(/Write availability like: Tue\/Thu evenings, weekday mornings, Sat 10-12, or anytime/);
  });
});
