import type { ActionSpec, CommandSpec, FormSpec } from '../commands/types.js';
import { journalActions, journalCommands } from './journal.js';
import { reflectActions, reflectCommand, reflectForms } from './reflect.js';

export const reflectionCommands: CommandSpec[] = [reflectCommand, ...journalCommands];
export const reflectionActions: ActionSpec[] = [...reflectActions, ...journalActions];
export const reflectionForms: FormSpec[] = reflectForms;

export { currentPrompt, promptForWeek, type PromptState } from './prompts.js';
export { MAX_ANSWER_CHARS } from './save.js';
