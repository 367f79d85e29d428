/**
 * The core's request id for a Slack request: its trigger_id (unique per slash command, button
 * press and form submission, and the same when Slack retries the request), or for an interaction
 * without one its action_ts; scoped by team.
 */
export function slackRequestId(teamId: string, triggerId: string | undefined, actionTs?: string): string | undefined {
  const id = triggerId || actionTs;
  return id ? `slack:${teamId}:${id}` : undefined;
}
