import { describe, expect, it } from 'vitest';
import { textNaming } from '../../../src/core/commands/naming.js';
import type { Program } from '../../../src/core/domain.js';
import { UserError } from '../../../src/core/errors.js';
import { renderPlain } from '../../../src/core/messages/plain-text.js';
import { findTemplate } from '../../../src/core/programs/load-templates.js';
import { chosenTriggers, currentSession, findSession, frameworkOf, loggedSummary } from '../../../src/core/sessions/framework.js';
import { guideBlocks } from '../../../src/core/sessions/guide.js';

const template = findTemplate('community-involvement')!;
const program = (t = template): Program => ({ id: 'p', workspaceId: 'w', slug: 'ci', name: t.name, template: t, createdAt: new Date(0) });
const sessions = template.sessions!;
const [initial, community] = sessions as [typeof sessions[0], typeof sessions[0]];
const logs = (...keys: string[]) => keys.map((sessionKey) => ({ sessionKey }));

const failure = (fn: () => unknown): UserError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
};

describe('the community-involvement framework', () => {
  it('starts with the initial assessment, then repeats the community session for as long as it helps', () => {
    expect(currentSession(sessions, logs()).key).toBe('initial-assessment');
    expect(currentSession(sessions, logs('initial-assessment')).key).toBe('community-session');
    expect(currentSession(sessions, logs('initial-assessment', 'community-session', 'community-session')).key).toBe('community-session');
    // A community session logged before the assessment does not skip the assessment.
    expect(currentSession(sessions, logs('community-session')).key).toBe('initial-assessment');
  });

  it('summarises what was logged in the framework’s order', () => {
    expect(loggedSummary(sessions, logs())).toBe('none yet');
    expect(loggedSummary(sessions, logs('community-session', 'initial-assessment', 'community-session'))).toBe('1 × initial assessment, 2 × community session');
  });

  it('finds a session by key and refuses an unknown one, listing the sessions', () => {
    expect(findSession(sessions, 'Community-Session').name).toBe('Community session');
    const error = failure(() => findSession(sessions, 'assessment'));
    expect(error.code).toBe('UNKNOWN_SESSION');
    expect(error.message).toContain('initial-assessment (Initial assessment), community-session (Community session)');
  });

  it('reads chosen situations by key or by a reason that names one situation, once each', () => {
    expect(chosenTriggers(community, 'client-unsafe, stuck,client-unsafe', 'check-in').map((t) => t.key)).toEqual(['client-unsafe', 'stuck']);
    expect(chosenTriggers(community, 'impasse', 'check-in').map((t) => t.key)).toEqual(['stuck']);
    expect(chosenTriggers(community, '', 'check-in')).toEqual([]);
    expect(chosenTriggers(community, 'none', 'check-in')).toEqual([]);
    // Both situations of the initial assessment differ in reason; a situation of another session is not this one's.
    expect(chosenTriggers(initial, 'safety', 'x').map((t) => t.key)).toEqual(['risky-setting']);
    const other = failure(() => chosenTriggers(initial, 'client-unsafe', 'check_ins'));
    expect(other.argument).toBe('check_ins');
    expect(other.message).toBe('"client-unsafe" is not a check-in situation of the initial assessment. Its situations: risky-setting, unclear-risks.');
  });

  it('refuses a program without a framework, saying where calls go instead', () => {
    const error = failure(() => frameworkOf(program(findTemplate('certification-40-week')!)));
    expect(error.code).toBe('NO_SESSIONS');
    expect(error.message).toContain('has no session framework');
  });
});

describe('the session guide', () => {
  it('shows every objective, action, question and check-in situation of the session, and a button to log it', () => {
    const blocks = guideBlocks({ program: program(), sessions, session: community, current: community, logs: [], enrollmentId: 'e1', naming: textNaming });
    const text = renderPlain(blocks);
    for (const line of [...community.objectives, ...community.actions, ...community.questionsToConsider, ...community.checkInTriggers.map((t) => t.text)]) expect(text).toContain(line);
    for (const heading of ['Defining objectives', 'Taking action', 'Questions to consider', 'When to check in']) expect(text).toContain(heading);
    expect(text).toContain('session 2 of 2. To be repeated as often as it helps the client. This is your next session.');
    expect(blocks.at(-1)).toEqual({ type: 'actions', buttons: [{ action: 'session.log', value: 'e1:community-session', label: 'Log this session', style: 'primary' }] });
  });

  it('names the next session when it shows another one', () => {
    const text = renderPlain(guideBlocks({ program: program(), sessions, session: community, current: initial, logs: [], enrollmentId: 'e1', naming: textNaming }));
    expect(text).toContain('Your next session is the initial assessment: `/mentor session initial-assessment`.');
  });
});
