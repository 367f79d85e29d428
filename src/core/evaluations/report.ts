// Coordinators see evaluations in aggregate only, and nothing of an occasion — neither its
// rating counts nor its suggestions — until at least MIN_FOR_COMMENTS people answered it: below
// that, a coordinator who knows who was asked could tell who gave which rating or wrote what. They are listed in alphabetical order — never in the order
// they came in, which would line up with who was asked when — and with nothing attached.
import { scopeOf, type CommandSpec } from '../commands/types.js';
import type { EvaluationAnswer } from '../domain.js';
import { message, privateReply, type Block } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { occasionLabel, occasionOrder } from './occasions.js';
import { RATING_QUESTIONS, RATINGS } from './questions.js';

export const MIN_FOR_COMMENTS = 5;

const tally = (answers: EvaluationAnswer[], key: string): string =>
  RATINGS.map((r) => `${r}: ${answers.filter((a) => a.ratings[key] === r).length}`).join(' · ');

function occasionBlocks(key: string, answers: EvaluationAnswer[]): Block[] {
  const n = answers.length;
  const comments = answers.map((a) => a.comment).filter((c): c is string => !!c);
  if (n < MIN_FOR_COMMENTS) {
    return [
      { type: 'heading', text: occasionLabel(key) },
      { type: 'text', text: `Fewer than ${MIN_FOR_COMMENTS} people have answered, so nothing is shown yet — not even rating counts — so that nobody can be recognised by their answers.` },
    ];
  }
  const blocks: Block[] = [
    { type: 'heading', text: `${occasionLabel(key)} — ${n} responses` },
    { type: 'fields', fields: RATING_QUESTIONS.map((q) => ({ label: q.label, value: tally(answers, q.key) })) },
  ];
  if (comments.length === 0) return blocks;
  const sorted = [...comments].sort((a, b) => a.localeCompare(b));
  return [...blocks, { type: 'text', text: 'Suggestions (unattributed, in alphabetical order):' }, { type: 'list', items: sorted }];
}

export const evaluationsReportCommand: CommandSpec = {
  path: ['admin', 'evaluations'],
  summary: 'evaluation results in aggregate: rating counts and suggestions of each survey once at least 5 have answered',
  args: [],
  requires: 'coordinator',
  async run(ctx) {
    const { program } = scopeOf(ctx);
    const answers = await ctx.store.evaluations.listAnswers(program.id);
    if (answers.length === 0) {
      const why = program.template.evaluations ? 'Nobody has answered an evaluation yet.' : `${program.name} doesn't run evaluations.`;
      return privateReply(message(why));
    }
    const byOccasion = new Map<string, EvaluationAnswer[]>();
    for (const a of answers) byOccasion.set(a.occasion, [...(byOccasion.get(a.occasion) ?? []), a]);
    const keys = [...byOccasion.keys()].sort((a, b) => occasionOrder(a) - occasionOrder(b));
    const blocks: Block[] = [
      { type: 'heading', text: `Evaluations — ${program.name}` },
      { type: 'text', text: 'Anonymous answers about how the program runs, counted per survey (ratings 1 = poorly … 5 = very well).' },
      ...keys.flatMap((k) => [{ type: 'divider' } as Block, ...occasionBlocks(k, byOccasion.get(k)!)]),
    ];
    return privateReply(message(renderPlain(blocks), blocks));
  },
};
