import type { CommandSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { message, privateReply } from '../messages/model.js';
import { ZKey } from './template-schema.js';

const CREATE_USAGE = '/mentor admin program create <name> <template> [display name…]';

export const templatesCommand: CommandSpec = {
  path: ['admin', 'templates'],
  usage: '/mentor admin templates',
  summary: 'the program templates you can start a program from',
  group: 'coordinator',
  async run(ctx) {
    const items = ctx.templates.list().map((t) => `\`${t.id}\` — ${t.name}${t.weeks ? ` (${t.weeks} weeks)` : ''}: ${t.summary}`);
    return privateReply(message(`Templates:\n${items.join('\n')}`, [{ type: 'heading', text: 'Program templates' }, { type: 'list', items }]));
  },
};

/** Anyone may start a program; they become its coordinator. */
export const createProgramCommand: CommandSpec = {
  path: ['admin', 'program', 'create'],
  usage: CREATE_USAGE,
  summary: 'start a program from a template; you become its coordinator',
  group: 'coordinator',
  async run(ctx, args) {
    const [slugWord, templateId, ...nameWords] = args;
    if (!slugWord || !templateId) throw new UserError('Give the program a short name and a template.', { code: 'BAD_INPUT', usage: CREATE_USAGE });
    const slug = slugWord.toLowerCase();
    if (!ZKey.safeParse(slug).success || slug.length > 40) throw new UserError(`"${slugWord}" can't be a program name: use lower-case letters, digits and dashes (up to 40).`, { code: 'BAD_INPUT', usage: CREATE_USAGE });
    const template = ctx.templates.get(templateId);
    if (!template) throw new UserError(`There is no template \`${templateId}\`. Templates: ${ctx.templates.list().map((t) => `\`${t.id}\``).join(', ')}.`, { code: 'UNKNOWN_TEMPLATE', usage: CREATE_USAGE });
    if (await ctx.store.programs.findBySlug(ctx.workspace.id, slug)) throw new UserError(`A program called \`${slug}\` already exists here.`, { code: 'DUPLICATE', usage: CREATE_USAGE });
    const name = nameWords.join(' ').trim() || template.name;
    const program = await ctx.store.programs.create({ workspaceId: ctx.workspace.id, slug, name, template });
    await ctx.store.enrollments.create({ programId: program.id, personId: ctx.actor.id, role: 'coordinator', status: 'active', startDate: null, commitmentConfirmedAt: ctx.now });
    await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'program.created', subjectType: 'program', subjectId: program.id, details: { template: template.id, version: template.version } });
    return privateReply(message(`Created ${name} (\`${slug}\`) from ${template.name}. You coordinate it. People join with \`/mentor join ${slug}\`.`));
  },
};
