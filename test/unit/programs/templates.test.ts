import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  TemplateError,
  findTemplate,
  loadBuiltinTemplates,
  loadTemplatesFromDir,
  parseTemplate,
} from '../../../src/core/programs/load-templates.js';

const get = (id: string) => {
  const t = findTemplate(id);
  if (!t) throw new Error(`missing built-in ${id}`);
  return t;
};

describe('built-in templates', () => {
  it('loads and validates all three seed programs', () => {
    expect(loadBuiltinTemplates().map((t) => t.id)).toEqual([
      'certification-40-week',
      'community-involvement',
      'peer-recovery',
    ]);
    expect(findTemplate('no-such-program')).toBeUndefined();
  });

  it('40-week certification: phases, cadences, call lengths, hours', () => {
    const t = get('certification-40-week');
    expect(t.kind).toBe('certification');
    expect(t.weeks).toBe(40);
    expect(
      t.phases.map((p) => [p.startWeek, p.endWeek, p.supervision.cadence, p.supervision.callMinutes, p.weeklyHours]),
    ).toEqual([
      [1, 12, 'weekly', 30, { min: 2, max: 3 }],
      [13, 28, 'biweekly', 45, { min: 3, max: 5 }],
      [29, 40, 'monthly', 60, { min: 2, max: 4 }],
    ]);
    expect(t.phases.map((p) => p.cohortMeetings?.cadence ?? null)).toEqual([null, 'monthly', null]);
    expect(t.finalCaseReview).toEqual({ cases: 10, weekDue: 40 });
    for (const p of t.phases) expect(p.promptBank.length).toBeGreaterThanOrEqual(4);
    expect(new Set(t.commitments.map((c) => c.category))).toEqual(new Set(['time', 'money', 'professional', 'personal']));
    expect(t.reflectionPrompts?.map((r) => r.topic)).toEqual(['availability', 'learning-goals', 'questions', 'support']);
  });

  it('peer recovery: eligibility, survey, release, first call, evaluations, endings', () => {
    const t = get('peer-recovery');
    expect(t.weeks).toBeUndefined();
    expect(t.phases).toHaveLength(1);
    expect(t.phases[0]).toMatchObject({ startWeek: 1, supervision: { cadence: 'none' } });
    expect(t.phases[0]?.endWeek).toBeUndefined();
    expect(t.eligibility?.rule).toBe('any-one-of');
    expect(t.eligibility?.criteria.map((c) => c.key)).toEqual(['recovery-time', 'recovery-program', 'same-field']);
    expect(t.eligibility?.criteria[0]?.text).toMatch(/36 months/);
    expect(t.eligibility?.alsoRequired.key).toBe('readiness');
    const types = Object.fromEntries(t.goodFitSurvey!.questions.map((q) => [q.key, q.type]));
    expect(types).toMatchObject({ profession: 'text', availability: 'days-times', 'mentor-gender': 'choice', hopes: 'text' });
    expect(t.releaseOfInformation).toMatchObject({ scope: ['first_name', 'phone'], defaultExpiryDays: 365 });
    expect(t.releaseOfInformation?.text).toMatch(/revoke/);
    expect(t.firstCallWithinDays).toBe(7);
    expect(t.evaluations).toEqual({ everyWeeks: 12, atEnd: true, scope: 'operations' });
    expect(t.endings?.paths.map((p) => [p.key, p.coordinatorTellsOtherSide])).toEqual([
      ['mutual', false],
      ['via-coordinator', true],
    ]);
    expect(t.participation).toEqual({ voluntary: true, canJoinLater: true, reportsToProgram: false });
  });

  it('peer recovery: its own call kinds, crisis resources, a neutral preview, referrals, mentor questions paired with preferences', () => {
    const t = get('peer-recovery');
    expect(t.calls).toEqual({ kinds: ['first_call', 'phone', 'face_to_face', 'message'], firstCallAsksAboutMeeting: true });
    expect(t.participation?.reportsToProgram).toBe(false);
    expect(t.crisisResources?.contacts.map((c) => c.number)).toContain('988');
    expect(t.notificationPreview).not.toMatch(/recovery|addiction/i);
    expect(t.peerReferral?.wordingVersion).toBeTruthy();
    expect(t.mentorQuestions?.map((q) => q.pairsWith)).toEqual(['mentor-gender', 'mentor-experience']);
    for (const id of ['certification-40-week', 'community-involvement']) expect(get(id).crisisResources?.contacts.length).toBeGreaterThan(0);
  });

  it('community involvement: an initial assessment and a repeatable session', () => {
    const t = get('community-involvement');
    expect(t.kind).toBe('session-framework');
    expect(t.sessions?.map((s) => [s.key, s.repeatable])).toEqual([
      ['initial-assessment', false],
      ['community-session', true],
    ]);
    const reasons = t.sessions!.map((s) => s.checkInTriggers.map((c) => c.reason));
    expect(reasons).toEqual([['safety', 'uncertain'], ['safety', 'failed-activity', 'impasse']]);
    for (const s of t.sessions!) {
      expect(s.objectives.length).toBeGreaterThanOrEqual(3);
      expect(s.actions.length).toBeGreaterThanOrEqual(4);
      expect(s.questionsToConsider).toHaveLength(3);
    }
  });

  it('shares frozen objects so no caller can change a template for everyone', () => {
    const t = get('certification-40-week');
    expect(() => {
      (t.phases[0] as { startWeek: number }).startWeek = 2;
    }).toThrow(TypeError);
  });
});

describe('invalid templates are refused, naming the field', () => {
  const base = () => JSON.parse(JSON.stringify(get('certification-40-week'))) as Record<string, any>;
  const failure = (raw: unknown): TemplateError => {
    try {
      parseTemplate(raw);
    } catch (err) {
      if (err instanceof TemplateError) return err;
      throw err;
    }
    throw new Error('template was accepted');
  };
  const refuse = (edit: (t: Record<string, any>) => void) => {
    const t = base();
    edit(t);
    return failure(t);
  };

  it('a notification preview that gives the program away, and a mentor question paired with nothing', () => {
    expect(refuse((t) => (t.notificationPreview = 'Your recovery mentor wrote')).field).toBe('notificationPreview');
    expect(refuse((t) => (t.notificationPreview = `News from ${t.name}`)).message).toMatch(/notificationPreview: must not contain the program's name/);
    const q = { key: 'gender', pairsWith: 'nope', topic: 'gender', text: 'Your gender?', choices: [{ key: 'woman', label: 'A woman', satisfies: [] }] };
    expect(refuse((t) => (t.mentorQuestions = [q])).message).toMatch(/mentorQuestions\.0\.pairsWith: names no good-fit survey question "nope"/);
  });

  it('missing name', () => {
    const err = refuse((t) => delete t.name);
    expect(err.code).toBe('TEMPLATE_INVALID');
    expect(err.field).toBe('name');
    expect(err.message).toBe('template "certification-40-week": name: is required');
  });

  it('overlapping phases', () => {
    const err = refuse((t) => (t.phases[1].startWeek = 12));
    expect(err.field).toBe('phases.1.startWeek');
    expect(err.message).toMatch(/overlaps the previous phase; must be 13/);
  });

  it('a gap between phases', () => {
    expect(refuse((t) => (t.phases[2].startWeek = 30)).message).toBe(
      'template "certification-40-week": phases.2.startWeek: leaves a gap; must be 29',
    );
  });

  it('a phase that ends before it starts', () => {
    expect(refuse((t) => (t.phases[1].endWeek = 10)).message).toBe(
      'template "certification-40-week": phases.1.endWeek: must be ≥ startWeek',
    );
  });

  it('phases that do not start at week 1 or do not reach `weeks`', () => {
    expect(refuse((t) => (t.phases[0].startWeek = 2)).field).toBe('phases.0.startWeek');
    expect(refuse((t) => (t.weeks = 41)).message).toMatch(/phases\.2\.endWeek: must be 41/);
    expect(refuse((t) => delete t.weeks).field).toBe('weeks');
  });

  it('min hours above max', () => {
    const err = refuse((t) => (t.phases[1].weeklyHours = { min: 6, max: 5 }));
    expect(err.field).toBe('phases.1.weeklyHours.max');
    expect(err.message).toMatch(/must be ≥ min/);
  });

  it('a duplicate prompt key, even across phases', () => {
    const err = refuse((t) => (t.phases[2].promptBank[1].key = 'foundation-opening'));
    expect(err.field).toBe('phases.2.promptBank.1.key');
    expect(err.message).toMatch(/duplicate key "foundation-opening" \(first used at phases\.0\.promptBank\.1\.key\)/);
  });

  it('an unknown cadence', () => {
    const err = refuse((t) => (t.phases[0].supervision.cadence = 'daily'));
    expect(err.field).toBe('phases.0.supervision.cadence');
    expect(err.message).toMatch(/must be one of weekly, biweekly, monthly, none/);
  });

  it('a cadence without a call length, a misspelt field, a wrong type', () => {
    expect(refuse((t) => delete t.phases[0].supervision.callMinutes).field).toBe('phases.0.supervision.callMinutes');
    expect(refuse((t) => (t.phases[0].weeklyhours = { min: 1, max: 2 })).field).toBe('phases.0.weeklyhours');
    expect(refuse((t) => (t.version = '1')).message).toBe('template "certification-40-week": version: must be a number');
  });

  it('a supervision tolerance outside 1–100 percent', () => {
    expect(refuse((t) => (t.supervisionKeptAtPercent = 150)).message).toMatch(/supervisionKeptAtPercent: must be ≤ 100/);
    expect(refuse((t) => (t.supervisionKeptAtPercent = 0)).field).toBe('supervisionKeptAtPercent');
    expect(refuse((t) => (t.supervisionKeptAtPercent = 79.5)).field).toBe('supervisionKeptAtPercent');
  });

  it('kind-specific parts and survey choices', () => {
    const peer = () => JSON.parse(JSON.stringify(get('peer-recovery'))) as Record<string, any>;
    const noRelease = peer();
    delete noRelease.releaseOfInformation;
    expect(failure(noRelease).field).toBe('releaseOfInformation');
    const noChoices = peer();
    delete noChoices.goodFitSurvey.questions[2].choices;
    expect(failure(noChoices).field).toBe('goodFitSurvey.questions.2.choices');
    const ci = JSON.parse(JSON.stringify(get('community-involvement'))) as Record<string, any>;
    ci.sessions[1].checkInTriggers[0].reason = 'bored';
    expect(failure(ci).field).toBe('sessions.1.checkInTriggers.0.reason');
  });

  it('something that is not an object at all', () => {
    expect(failure('nope').message).toBe('template "(no id)": must be an object');
  });
});

describe('templates from a directory', () => {
  it('requires the file name to match the id, and reports broken JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trellis-templates-'));
    writeFileSync(join(dir, 'other-name.json'), JSON.stringify(get('peer-recovery')));
    expect(() => loadTemplatesFromDir(dir)).toThrow('template "peer-recovery": id: must match the file name "other-name"');
    const broken = mkdtempSync(join(tmpdir(), 'trellis-templates-'));
    writeFileSync(join(broken, 'broken.json'), '{ "id": ');
    expect(() => loadTemplatesFromDir(broken)).toThrow(/template "broken": cannot read JSON/);
  });
});
