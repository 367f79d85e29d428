import type { ActionSpec, CommandSpec } from '../commands/types.js';
import { certifyCommand, verifyCertificateCommand } from './certify.js';
import { readAction, rejectAction, reviewCommand, verifyAction } from './review.js';
import { caseCommand, contractCommand, selfAssessmentCommand } from './submit-commands.js';
import { portfolioCommand } from './view.js';

export const certificationCommands: CommandSpec[] = [
  portfolioCommand, contractCommand, selfAssessmentCommand, caseCommand, reviewCommand, verifyCertificateCommand, certifyCommand,
];
export const certificationActions: ActionSpec[] = [readAction, verifyAction, rejectAction];

export { normalizeCode, formatCode } from './code.js';
