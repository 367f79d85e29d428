import { describe, expect, it } from 'vitest';
import { reflectionChart } from '../../../src/core/dashboard/activity.js';
import type { Enrollment, Person, Program } from '../../../src/core/domain.js';
import { findTemplate } from '../../../src/core/programs/load-templates.js';
import type { ProgramData } from '../../../src/core/program-view/data.js';
import { participantStats } from '../../../src/core/program-view/stats.js';

// Mentors keep a journal but are never sent the weekly prompt: they are not "non-responders".
const template = findTemplate('certification-40-week')!;
const program: Program = { id: 'p', workspaceId: 'w', slug: 'cert', name: 'Cert', template, createdAt: new Date('2026-03-01T00:00:00Z') };
const person = (id: string): Person => ({ id, displayName: id, timeZone: 'UTC', timeZoneChosen: false, quietStartMinute: null, quietEndMinute: null, nudgeWeekday: null, nudgeMinute: null, awayUntil: null, mutedNudgeKinds: [], withdrawnAt: null });
const enrollment = (id: string, role: Enrollment['role']): Enrollment => ({ id, programId: 'p', personId: id, role, status: 'active', startDate: '2026-03-02', commitmentConfirmedAt: null, createdAt: new Date('2026-03-02T00:00:00Z'), pauses: [] });

const trainees = ['t1', 't2', 't3', 't4', 't5'].map((id) => enrollment(id, 'mentee'));
const mentors = ['m1', 'm2'].map((id) => enrollment(id, 'mentor'));
const data: ProgramData = {
  program,
  enrollments: [...trainees, ...mentors],
  people: new Map([...trainees, ...mentors].map((e) => [e.personId, person(e.personId)])),
  calls: [],
  // t1 answered weeks 1 and 2; a mentor wrote a journal entry too (mentors may keep one).
  reflectionWeeks: new Map([['t1', new Set([1, 2])], ['m1', new Set([1])]]),
  matches: [],
  now: new Date('2026-03-18T12:00:00Z'), // week 3: weeks 1 and 2 are over
};

describe('reflection counts', () => {
  it('count prompts over trainees only: a mentor is never a non-responder', () => {
    expect(participantStats(data, mentors[0]!).reflections).toBeNull();
    expect(participantStats(data, trainees[1]!).reflections).toEqual({ answered: 0, unanswered: 2 });
    const chart = reflectionChart(data);
    expect(chart.rows).toEqual([{ label: 'answered', values: [2] }, { label: 'not answered', values: [8] }]);
  });
});
