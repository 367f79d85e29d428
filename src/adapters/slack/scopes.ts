/**
 * The bot scopes Trellis asks for, each for a reason (slack-manifest.json must list exactly these;
 * a test checks it):
 * - `commands`: the /mentor slash command;
 * - `chat:write`: DMs, replies and cohort reminders;
 * - `chat:write.public`: reminders in a cohort's public channel without joining it first;
 * - `im:write`: conversations.open, to start a DM for a personal nudge;
 * - `users:read`: users.info, for the person's time zone and name;
 * - `im:history`, `channels:history`, `groups:history`: conversations.history, read only after a
 *   worker died mid-delivery, to find whether its message already arrived (DM, public, private).
 */
export const BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'im:write', 'users:read', 'im:history', 'channels:history', 'groups:history'] as const;
