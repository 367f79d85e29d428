import type { ActionSpec, CommandSpec, FormSpec } from '../commands/types.js';
import { caseCommand, caseFormSpec } from './case-record.js';
import { certifyCommand, overrideAction, overrideFormSpec } from './certify.js';
import { contractCommand, contractFormSpec } from './contract.js';
import { moduleActions, moduleCommand, moduleFormSpec } from './modules.js';
import { readAction, rejectAction, returnFormSpec, reviewCommand, verifyAction } from './review.js';
import { selfAssessmentActions, selfAssessmentCommand, selfAssessmentFormSpec } from './self-assessment.js';
import { verifyCertificateCommand } from './verify.js';
import { portfolioCommand } from './view.js';

export const certificationCommands: CommandSpec[] = [
  portfolioCommand, contractCommand, selfAssessmentCommand, caseCommand, moduleCommand, reviewCommand, verifyCertificateCommand, certifyCommand,
];
export const certificationActions: ActionSpec[] = [readAction, verifyAction, rejectAction, ...selfAssessmentActions, ...moduleActions, overrideAction];
export const certificationForms: FormSpec[] = [contractFormSpec, selfAssessmentFormSpec, caseFormSpec, moduleFormSpec, returnFormSpec, overrideFormSpec];

export { normalizeCode, formatCode } from './code.js';
export { findValidCertificate, type PublicCertificate } from './public-view.js';
export { certificateStatusLines } from './view.js';
export { itemsToVerify } from './waiting.js';
