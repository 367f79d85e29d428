import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreHarness } from '../../support/core-harness.js';

// What a trainee wrote when joining opens their journal with the questions it answered (not as
// "Free reflection"), and status says what the current phase builds toward, from the template.
let h: CoreHarness;
beforeAll(async () => {
  h = await CoreHarness.start('2026-03-02T14:00:00Z');
  await h.createProgram('cora', 'cert', 'certification-40-week');
  await h.joinAsMentee('tia', 'cert', { 'join-goals': 'Lead a family meeting on my own', 'join-support': 'A fixed weekly hour' });
});
afterAll(() => h.close());

describe('join answers in the journal', () => {
  it('shows each answer with the question it answers, dated as given on joining', async () => {
    const journal = (await h.command('tia', 'journal')).text;
    expect(journal).not.toContain('Free reflection');
    expect(journal).toContain('on joining');
    expect(journal).toContain('Prompt: What would you most like to be able to do by the end of the 40 weeks?\nAnswer: Lead a family meeting on my own');
    expect(journal).toContain('Prompt: What resources, support or accountability will help you finish?\nAnswer: A fixed weekly hour');
  });

  it("keeps the questions with the answers in the person's own export", async () => {
    const exported = (await h.command('tia', 'export')).text;
    expect(exported).toContain('"question": "What would you most like to be able to do by the end of the 40 weeks?"');
  });
});

describe('phase outcomes in status', () => {
  it("lists what the current phase builds toward, and the next phase's once it begins", async () => {
    const week1 = (await h.command('tia', 'status')).text;
    expect(week1).toContain('By the end of Foundations, you should be able to:');
    expect(week1).toContain('• Run a basic family meeting with your mentor supervising.');
    h.clock.set('2026-05-26T14:00:00Z');
    const week13 = (await h.command('tia', 'status')).text;
    expect(week13).toContain('By the end of Guided practice, you should be able to:');
    expect(week13).toContain('• Coordinate a care team so everyone knows their part.');
    expect(week13).not.toContain('By the end of Foundations');
  });
});
