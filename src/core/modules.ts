import type { CoreModules } from './trellis.js';
import { confirmCallAction, disputeCallAction, logCallCommand, logCallFormSpec } from './calls/log-call-command.js';
import { consentCommand, consentReviewAction, consentRevokeAction, contactCommand, releaseFormSpec } from './consent/consent-command.js';
import { joinCommand, joinConfirmAction, joinDeclineAction } from './enrollment/join-command.js';
import { joinDetailsForm } from './enrollment/join-submit.js';
import { pauseCommand, resumeCommand } from './enrollment/pause-commands.js';
import { adminEndCommand, endAgreeAction, endCommand, rematchRequestAction } from './matching/end-commands.js';
import { matchCommand } from './matching/match-command.js';
import { suggestCommand } from './matching/suggest-command.js';
import { settingsCommand } from './people/settings-command.js';
import { exportCommand } from './privacy/export-command.js';
import { createProgramCommand, templatesCommand } from './programs/admin-program.js';
import { statusCommand } from './status/status-command.js';
import { reflectionActions, reflectionCommands, reflectionForms } from './reflections/index.js';
import { cohortActions, cohortCommands, cohortForms } from './cohorts/index.js';
import { certificationActions, certificationCommands } from './certification/index.js';
import { evaluationActions, evaluationCommands, evaluationForms } from './evaluations/index.js';
import { programViewCommands } from './program-view/index.js';

/** Every command, button and form the core offers. Adapters render whatever is listed here. */
export function coreModules(): CoreModules {
  return {
    commands: [
      joinCommand, statusCommand, logCallCommand, ...reflectionCommands, consentCommand, contactCommand, endCommand, pauseCommand, resumeCommand,
      settingsCommand, exportCommand, ...cohortCommands.filter((c) => c.group !== 'coordinator'), ...certificationCommands.filter((c) => c.group !== 'coordinator'),
      createProgramCommand, templatesCommand, suggestCommand, matchCommand, adminEndCommand, ...cohortCommands.filter((c) => c.group === 'coordinator'),
      ...certificationCommands.filter((c) => c.group === 'coordinator'), ...evaluationCommands, ...programViewCommands,
    ],
    actions: [
      joinConfirmAction, joinDeclineAction, confirmCallAction, disputeCallAction, consentReviewAction, consentRevokeAction, endAgreeAction, rematchRequestAction,
      ...reflectionActions, ...cohortActions, ...certificationActions, ...evaluationActions,
    ],
    forms: [joinDetailsForm, logCallFormSpec, releaseFormSpec, ...reflectionForms, ...cohortForms, ...evaluationForms],
  };
}
