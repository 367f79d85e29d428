import type { ActionSpec, CommandSpec, FormSpec } from '../commands/types.js';
import { sessionActions, sessionCommands, sessionLogFormSpec } from './session-commands.js';

export const sessionFrameworkCommands: CommandSpec[] = sessionCommands;
export const sessionFrameworkActions: ActionSpec[] = sessionActions;
export const sessionFrameworkForms: FormSpec[] = [sessionLogFormSpec];
