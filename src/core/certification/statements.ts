// The words of the first two pillars, checked without the database. The profile is a learning
// contract of action-outcome statements ("I will <do something> so that <something comes of it>");
// the self-assessment asks of each of them "Can I …?", answered yes or not yet, with evidence.
import { z } from 'zod';

export interface ContractRules {
  minStatements: number;
  maxStatements: number;
}

export const CONTRACT_EXAMPLE = 'I will co-lead three family meetings with my mentor so that I can lead one on my own by week 28.';

/** Statements are separated by `;` or line breaks; list bullets and numbers in front are dropped. */
export function splitStatements(text: string): string[] {
  return text
    .split(/[;\n]+/)
    .map((s) => s.trim().replace(/^(?:[-*•–]|\d+[.)])\s*/, '').trim())
    .filter((s) => s.length > 0);
}

const ACTION_OUTCOME = /^I(?: will|'ll|’ll)\s+(.+?)\s+so that\s+(.+?)[.!]*$/i;
// Wishes and states of being rather than something one does; their outcome can't be seen done.
const NOT_AN_ACTION = /^(?:be|become|try|want|hope|wish|feel|get better|do better|improve myself)\b/i;

const count = (n: number) => `${n} statement${n === 1 ? '' : 's'}`;
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const quote = (text: string) => `"${text.length > 60 ? `${text.slice(0, 57)}…` : text}"`;

/** What is wrong with one statement, in a sentence, or null when it is an action-outcome statement. */
export function statementProblem(statement: string): string | null {
  const m = ACTION_OUTCOME.exec(statement);
  if (!/^I(?: will|'ll|’ll)\b/i.test(statement)) return 'doesn\'t say what you will do: start it with "I will …"';
  if (!m) return 'doesn\'t say what will come of it: add "so that …" and the outcome';
  const [, action = '', outcome = ''] = m;
  if (NOT_AN_ACTION.test(action)) return `"${action.split(/\s+/)[0]}" is a wish or a state, not something you do: name the action (lead, practise, write up, ask …)`;
  if (words(action) < 2) return 'names too little of the action: say what you will do, and with whom or how often';
  if (words(outcome) < 2) return 'names too little of the outcome: say what will be different';
  return null;
}

export type ContractCheck = { ok: true; statements: string[] } | { ok: false; problem: string };

/** The learning contract's statements, each checked, or one message naming every problem and an example. */
export function checkContract(text: string, rules: ContractRules): ContractCheck {
  const statements = splitStatements(text);
  const problems: string[] = [];
  const seen = new Set<string>();
  statements.forEach((s, i) => {
    const key = s.toLowerCase().replace(/\s+/g, ' ');
    const problem = seen.has(key) ? 'repeats an earlier statement' : statementProblem(s);
    seen.add(key);
    if (problem) problems.push(`Statement ${i + 1} (${quote(s)}) ${problem}.`);
  });
  if (statements.length < rules.minStatements) problems.unshift(`Your program asks for at least ${count(rules.minStatements)}; you wrote ${statements.length}.`);
  if (statements.length > rules.maxStatements) problems.unshift(`Your program takes at most ${count(rules.maxStatements)}; you wrote ${statements.length}. Keep the ones that matter most.`);
  if (problems.length === 0) return { ok: true, statements };
  return {
    ok: false,
    problem: `A learning contract is made of action-outcome statements: what you will do, so that something comes of it. ${problems.join(' ')} For example: "${CONTRACT_EXAMPLE}"`,
  };
}

/** "I will lead a meeting so that …" → "Can I lead a meeting so that …?" */
export function canIQuestion(statement: string): string {
  const m = ACTION_OUTCOME.exec(statement.trim());
  const rest = m ? `${m[1]} so that ${m[2]}` : statement.trim().replace(/^I(?: will|'ll|’ll)\s+/i, '').replace(/[.!?]+$/, '');
  return `Can I ${rest}?`;
}

export const SELF_ASSESSMENT_ANSWERS = ['yes', 'not-yet'] as const;
export type SelfAssessmentAnswer = (typeof SELF_ASSESSMENT_ANSWERS)[number];
export const ANSWER_WORDS: Record<SelfAssessmentAnswer, string> = { yes: 'yes', 'not-yet': 'not yet' };

const ZEntry = z.object({
  question: z.string().min(1),
  answer: z.enum(SELF_ASSESSMENT_ANSWERS).nullable(),
  evidence: z.string().nullable(),
});
/** The self-assessment as kept (sealed) in its item's body: one entry per contract statement. */
export const ZSelfAssessment = z.object({ entries: z.array(ZEntry).min(1) });
export type SelfAssessment = z.infer<typeof ZSelfAssessment>;

/** The "Can I …?" questions of a contract, none answered yet. */
export const blankSelfAssessment = (contractBody: string): SelfAssessment => ({
  entries: splitStatements(contractBody).map((s) => ({ question: canIQuestion(s), answer: null, evidence: null })),
});

export function readSelfAssessment(body: string | null): SelfAssessment | null {
  if (!body) return null;
  try {
    const parsed = ZSelfAssessment.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export const answeredCount = (s: SelfAssessment) => s.entries.filter((e) => e.answer !== null).length;
export const yesCount = (s: SelfAssessment) => s.entries.filter((e) => e.answer === 'yes').length;
export const isFullyAnswered = (s: SelfAssessment) => answeredCount(s) === s.entries.length;

/** "yes", "Yes", "not yet", "not-yet", "notyet" → the answer; anything else → null. */
export function readAnswer(word: string): SelfAssessmentAnswer | null {
  const w = word.trim().toLowerCase().replace(/[\s_]+/g, '-');
  if (w === 'yes' || w === 'y') return 'yes';
  if (w === 'not-yet' || w === 'notyet' || w === 'no' || w === 'not') return 'not-yet';
  return null;
}

export const MAX_EVIDENCE = 1000;

/** The evidence for one answer: what shows it (yes), or what will get you there (not yet). */
export function evidenceProblem(answer: SelfAssessmentAnswer, evidence: string): string | null {
  const text = evidence.trim();
  if (!text) return answer === 'yes' ? 'Say what shows it: the case, the session or the feedback that is your evidence.' : 'Say what will get you there, and what would show it.';
  if (text.length > MAX_EVIDENCE) return `That is ${text.length} characters; the most is ${MAX_EVIDENCE}.`;
  if (words(text) < 3) return 'A few more words, please: your mentor verifies this against what you write.';
  return null;
}
