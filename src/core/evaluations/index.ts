import type { ActionSpec, CommandSpec, FormSpec } from '../commands/types.js';
import { evaluationFormSpec, openAction } from './form.js';
import { evaluationsReportCommand } from './report.js';

export const evaluationCommands: CommandSpec[] = [evaluationsReportCommand];
export const evaluationActions: ActionSpec[] = [openAction];
export const evaluationForms: FormSpec[] = [evaluationFormSpec];

export { evaluationButton, EVALUATION_FORM, OPEN_ACTION } from './form.js';
export { answerKey, parseOccasion, receiptKey, type Occasion } from './occasions.js';
export { MIN_FOR_COMMENTS } from './report.js';
