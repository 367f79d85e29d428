import type { CommandSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { message, privateReply } from '../messages/model.js';
import { ZKey } from './template-schema.js';

/** Anyone may look: choosing a template comes before there is a program to coordinate. */
export const templatesCommand: CommandSpec = {
  path: ['admin', 'templates'],
  summary: 'the program templates you can start a program from',
  args: [],
  requires: 'anyone',
  async run(ctx) {
    const items = ctx.templates.list().map((t) => `\`${t.id}\` — ${t.name}${t.weeks ? ` (${t.weeks} weeks)` : ''}: ${t.summary}`);
    return privateReply(message(`Templates:\n${items.join('\n')}`, [{ type: 'heading', text: 'Program templates' }, { type: 'list', items }]));
  },
};

/** Anyone may start a program; they become its coordinator. */
export const createProgramCommand: CommandSpec = {
  path: ['admin', 'program', 'create'],
  summary: 'start a program from a template; you become its coordinator',
  args: [
    { name: 'name', kind: 'word', description: 'a short name people join with: lower-case letters, digits and dashes', maxLength: 40 },
    { name: 'template', kind: 'template', description: 'the template to start from (see /mentor admin templates)' },
    { name: 'display-name', kind: 'text', description: 'the name people see (default: the template’s)', required: false, variadic: true, maxLength: 100 },
  ],
  requires: 'anyone',
  async run(ctx, args) {
    const given = args.requiredString('name');
    const slug = given.toLowerCase();
    // Dashes only (no underscores): the name must read back as a `program` argument (`--program`, `join`).
    if (!ZKey.safeParse(slug).success || slug.includes('_')) throw new UserError(`"${given}" can't be a program name: use lower-case letters, digits and dashes (up to 40).`, { code: 'BAD_NAME', usage: ctx.usage, argument: 'name' });
    const templateId = args.requiredString('template');
    const template = ctx.templates.get(templateId);
    if (!template) throw new UserError(`There is no template \`${templateId}\`. Templates: ${ctx.templates.list().map((t) => `\`${t.id}\``).join(', ')}.`, { code: 'UNKNOWN_TEMPLATE', usage: ctx.usage, argument: 'template' });
    if (await ctx.store.programs.findBySlug(ctx.workspace.id, slug)) throw new UserError(`A program called \`${slug}\` already exists here.`, { code: 'DUPLICATE', usage: ctx.usage, argument: 'name' });
    const name = args.string('display-name')?.trim() || template.name;
    const program = await ctx.store.programs.create({ workspaceId: ctx.workspace.id, slug, name, template });
    await ctx.store.enrollments.create({ programId: program.id, personId: ctx.actor.id, role: 'coordinator', status: 'active', startDate: null, commitmentConfirmedAt: ctx.now });
    await ctx.store.audit.record({ actorPersonId: ctx.actor.id, action: 'program.created', subjectType: 'program', subjectId: program.id, details: { template: template.id, version: template.version } });
    return privateReply(message(`Created ${name} (\`${slug}\`) from ${template.name}. You coordinate it. People join with \`/mentor join ${slug}\`.`));
  },
};
