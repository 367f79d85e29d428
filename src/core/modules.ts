import type { CommandSpec } from './commands/types.js';
import type { CoreModules } from './trellis.js';
import { confirmCallAction, disputeCallAction, logCallCommand, logCallFormSpec } from './calls/log-call-command.js';
import { consentCommand, consentReviewAction, consentRevokeAction, consentRevokeCommand, consentSignCommand, contactCommand, releaseFormSpec } from './consent/consent-command.js';
import { joinCommand, joinConfirmAction, joinDeclineAction } from './enrollment/join-command.js';
import { joinDetailsForm } from './enrollment/join-submit.js';
import { pauseCommand, resumeCommand } from './enrollment/pause-commands.js';
import { adminEndCommand, endAgreeAction, endCommand, endViaCoordinatorCommand, rematchRequestAction } from './matching/end-commands.js';
import { matchCommand } from './matching/match-command.js';
import { requestMentorCommand } from './matching/request-mentor.js';
import { safetyContactAction } from './check-ins/safety.js';
import { suggestCommand } from './matching/suggest-command.js';
import { excludeCommand } from './matching/exclude-command.js';
import { adminSupervisorCommand } from './check-ins/supervisor-command.js';
import { settingsCommands } from './people/settings-command.js';
import { exportCommand } from './privacy/export-command.js';
import { withdrawCommand, withdrawConfirmAction } from './privacy/withdraw-command.js';
import { peerReleaseFormSpec, referCommand, referralActions, referralCommands } from './referrals/referral-commands.js';
import { createProgramCommand, templatesCommand } from './programs/admin-program.js';
import { statusCommand } from './status/status-command.js';
import { reflectionActions, reflectionCommands, reflectionForms } from './reflections/index.js';
import { cohortActions, cohortCommands, cohortForms } from './cohorts/index.js';
import { certificationActions, certificationCommands, certificationForms } from './certification/index.js';
import { evaluationActions, evaluationCommands, evaluationForms } from './evaluations/index.js';
import { programViewCommands } from './program-view/index.js';
import { holidayCommands } from './programs/holidays-command.js';
import { nudgeActions } from './nudges/nudge-actions.js';
import { calendarCommands } from './calendar/calendar-command.js';
import { dashboardCommand } from './dashboard/dashboard-command.js';
import { sessionFrameworkActions, sessionFrameworkCommands, sessionFrameworkForms } from './sessions/index.js';

const forCoordinators = (c: CommandSpec) => c.requires === 'coordinator';
const forEveryone = (c: CommandSpec) => !forCoordinators(c);

/** Every command, button and form the core offers. Adapters render whatever is listed here. */
export function coreModules(): CoreModules {
  // Help lists commands in this order: what participants use first, then coordinators' tools.
  // Modules that mix both are split by what each command requires, so none is left out.
  const mixed = [...reflectionCommands, ...cohortCommands, ...certificationCommands];
  return {
    commands: [
      joinCommand, statusCommand, logCallCommand, ...sessionFrameworkCommands, ...reflectionCommands.filter(forEveryone), consentCommand, consentSignCommand, consentRevokeCommand, contactCommand,
      endCommand, endViaCoordinatorCommand, requestMentorCommand, pauseCommand, resumeCommand, ...settingsCommands, exportCommand, withdrawCommand, ...referralCommands,
      ...cohortCommands.filter(forEveryone), ...certificationCommands.filter(forEveryone), ...calendarCommands,
      templatesCommand, createProgramCommand,
      suggestCommand, matchCommand, excludeCommand, adminSupervisorCommand, adminEndCommand, referCommand, ...holidayCommands, ...mixed.filter(forCoordinators), ...evaluationCommands, ...programViewCommands, dashboardCommand,
    ],
    actions: [
      joinConfirmAction, joinDeclineAction, confirmCallAction, disputeCallAction, consentReviewAction, consentRevokeAction, endAgreeAction, rematchRequestAction, safetyContactAction, withdrawConfirmAction, ...referralActions,
      ...reflectionActions, ...sessionFrameworkActions, ...cohortActions, ...certificationActions, ...evaluationActions, ...nudgeActions,
    ],
    forms: [joinDetailsForm, logCallFormSpec, releaseFormSpec, peerReleaseFormSpec, ...reflectionForms, ...sessionFrameworkForms, ...cohortForms, ...certificationForms, ...evaluationForms],
  };
}
