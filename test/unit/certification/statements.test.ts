import { describe, expect, it } from 'vitest';
import {
  blankSelfAssessment, canIQuestion, checkContract, evidenceProblem, readAnswer, splitStatements, statementProblem,
} from '../../../src/core/certification/statements.js';

const RULES = { minStatements: 1, maxStatements: 12 };
const GOOD = 'I will co-lead three family meetings with my mentor so that I can lead one on my own by week 28';

describe('action-outcome statements of the learning contract', () => {
  it('accepts "I will <action> so that <outcome>", with or without a full stop, and "I\'ll"', () => {
    expect(statementProblem(GOOD)).toBeNull();
    expect(statementProblem(`${GOOD}.`)).toBeNull();
    expect(statementProblem("I'll write up every case within two days so that my mentor can verify it")).toBeNull();
  });

  it('refuses "I want to be better", naming what is wrong and giving an example', () => {
    const checked = checkContract('I want to be better', RULES);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problem).toMatch(/Statement 1 \("I want to be better"\) doesn't say what you will do: start it with "I will …"/);
    expect(checked.problem).toMatch(/For example: "I will co-lead three family meetings/);
  });

  it.each([
    ['I will lead family meetings', /doesn't say what will come of it: add "so that …"/],
    ['I will be better so that families trust me', /"be" is a wish or a state, not something you do/],
    ['I will try harder so that I improve', /"try" is a wish or a state/],
    ['I will practise so that I improve', /names too little of the action/],
    ['I will lead two meetings so that better', /names too little of the outcome/],
  ])('refuses %j', (statement, problem) => {
    expect(statementProblem(statement)).toMatch(problem);
  });

  it('checks each statement on its own and names every one that fails by number', () => {
    const checked = checkContract(`${GOOD}; I want to be better; I will lead meetings`, RULES);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problem).not.toMatch(/Statement 1/);
    expect(checked.problem).toMatch(/Statement 2 .* Statement 3/);
  });

  it('splits on ; and line breaks, drops bullets and numbers, and refuses repeats', () => {
    expect(splitStatements(`- ${GOOD}\n2. I will ask for a debrief after every hard session so that I notice when I need support;;`)).toHaveLength(2);
    const checked = checkContract(`${GOOD}\n${GOOD}`, RULES);
    expect(!checked.ok && checked.problem).toMatch(/Statement 2 .* repeats an earlier statement/);
  });

  it("holds the program's number of statements", () => {
    const few = checkContract(GOOD, { minStatements: 3, maxStatements: 5 });
    expect(!few.ok && few.problem).toMatch(/at least 3 statements; you wrote 1/);
    const ok = checkContract(`${GOOD};${GOOD} soon;${GOOD} and more`, { minStatements: 3, maxStatements: 5 });
    expect(ok).toEqual({ ok: true, statements: expect.any(Array) });
  });
});

describe('the self-assessment asks "Can I …?" of each statement', () => {
  it('turns each action-outcome statement into a question', () => {
    expect(canIQuestion(`${GOOD}.`)).toBe('Can I co-lead three family meetings with my mentor so that I can lead one on my own by week 28?');
    expect(blankSelfAssessment(`${GOOD}\nI will ask for help early so that no family waits on my doubts`).entries).toEqual([
      { question: expect.stringMatching(/^Can I co-lead/), answer: null, evidence: null },
      { question: 'Can I ask for help early so that no family waits on my doubts?', answer: null, evidence: null },
    ]);
  });

  it('reads yes and not yet however they are typed, and nothing else', () => {
    expect(['yes', 'Yes', 'y'].map(readAnswer)).toEqual(['yes', 'yes', 'yes']);
    expect(['not yet', 'not-yet', 'NOT_YET', 'notyet'].map(readAnswer)).toEqual(['not-yet', 'not-yet', 'not-yet', 'not-yet']);
    expect(readAnswer('maybe')).toBeNull();
  });

  it('asks for evidence with each answer', () => {
    expect(evidenceProblem('yes', '')).toMatch(/what shows it/);
    expect(evidenceProblem('not-yet', ' ')).toMatch(/what will get you there/);
    expect(evidenceProblem('yes', 'did it')).toMatch(/A few more words/);
    expect(evidenceProblem('yes', 'Led the Hale family meeting in week 30 with Mo observing')).toBeNull();
  });
});
