import type { Program, Role } from '../domain.js';
import type { Block, Message } from '../messages/model.js';

const CATEGORY_TITLES: Record<string, string> = { time: 'Time', money: 'Money', professional: 'Professional', personal: 'Personal' };

/** The commitment checkpoint: what joining means, before anyone is enrolled. */
export function checkpointMessage(program: Program, role: Role): Message {
  const { template } = program;
  const blocks: Block[] = [
    { type: 'heading', text: `Before you join ${program.name} as ${role}` },
    { type: 'text', text: template.summary },
  ];
  for (const category of ['time', 'money', 'professional', 'personal']) {
    const items = template.commitments.filter((c) => c.category === category).map((c) => c.text);
    if (items.length) blocks.push({ type: 'text', text: `*${CATEGORY_TITLES[category]}*` }, { type: 'list', items });
  }
  const expectations = role === 'mentor' ? template.eligibility?.expectations ?? [] : [];
  if (expectations.length) blocks.push({ type: 'text', text: '*What mentors agree to*' }, { type: 'list', items: expectations.map((e) => e.text) });
  blocks.push(
    { type: 'text', text: 'Joining is your choice. Saying "not now" costs nothing, and you can join later with the same command.' },
    {
      type: 'actions',
      buttons: [
        { action: 'join.confirm', value: `${program.id}:${role}`, label: 'I commit — continue', style: 'primary' },
        { action: 'join.decline', value: `${program.id}:${role}`, label: 'Not now' },
      ],
    },
  );
  return { text: `Before you join ${program.name}: please read what it asks of you.`, blocks };
}
