import type { App } from '@slack/bolt';
import type { ListenerDeps } from './types.js';

interface Envelope {
  team_id?: string;
  enterprise_id?: string;
  is_ext_shared_channel?: boolean;
}

/** App Home opens, profile changes, and the app leaving a workspace (uninstalled, or its bot token revoked). */
export function register(app: App, deps: ListenerDeps): void {
  app.event('app_home_opened', async ({ event, body, client, context }) => {
    if (event.tab !== 'home') return;
    const teamId = context.teamId ?? (body as Envelope).team_id;
    if (!teamId) return;
    try {
      await deps.publishHome(client, { teamId, userId: event.user }, 0);
    } catch (error) {
      deps.logger.error({ err: error }, 'could not publish App Home');
    }
  });

  // Slack tells us when someone's profile changes (a move, a trip): their zone follows, unless
  // they chose their own with `/mentor settings timezone`.
  app.event('user_change', async ({ event, body, context }) => {
    const user = event.user as { id: string; tz?: string; team_id?: string };
    const teamId = user.team_id ?? context.teamId ?? (body as Envelope).team_id;
    if (!teamId) return;
    deps.invoker.forgetProfile(teamId, user.id);
    if (user.tz) await deps.trellis.followPlatformZone({ platform: 'slack', workspaceExternalId: teamId, externalUserId: user.id, timeZone: user.tz });
  });

  const forget = async (body: Envelope, why: string) => {
    await deps.installations.markUninstalled({ teamId: body.team_id, enterpriseId: body.enterprise_id });
    deps.logger.info({ teamId: body.team_id, enterpriseId: body.enterprise_id, why }, 'Slack workspace left; its token is forgotten');
  };
  app.event('app_uninstalled', async ({ body }) => forget(body as Envelope, 'app_uninstalled'));
  app.event('tokens_revoked', async ({ event, body }) => {
    // Only the bot token matters to us; revoked user tokens are not ones we hold.
    if (event.tokens.bot?.length) await forget(body as Envelope, 'tokens_revoked');
  });
}
