import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** A fresh Ed25519 keypair per test run; the public key in Discord's 64-hex form. */
export function testKeypair(): { publicKeyHex: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return { publicKeyHex: der.subarray(der.length - 32).toString('hex'), privateKey };
}

export function signBody(privateKey: KeyObject, timestamp: string, body: string): string {
  return sign(null, Buffer.from(timestamp + body), privateKey).toString('hex');
}

export interface PostOptions {
  timestamp?: string;
  /** `null` leaves the header out. */
  signature?: string | null;
  omitTimestamp?: boolean;
  /** Changes the body after signing it. */
  tamper?: (body: string) => string;
}

/** POSTs a body to the interactions endpoint the way Discord does: signed over timestamp + raw body. */
export async function postInteraction(url: string, privateKey: KeyObject, payload: unknown, options: PostOptions = {}): Promise<{ status: number; json: any }> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
  const signature = options.signature === undefined ? signBody(privateKey, timestamp, body) : options.signature;
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Discord-Interactions/1.0 (+https://discord.com)' };
  if (signature !== null) headers['x-signature-ed25519'] = signature;
  if (!options.omitTimestamp) headers['x-signature-timestamp'] = timestamp;
  const res = await fetch(url, { method: 'POST', headers, body: options.tamper ? options.tamper(body) : body });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

export const fixture = (name: string): any => JSON.parse(readFileSync(new URL(`../../fixtures/discord/${name}`, import.meta.url), 'utf8'));

export const snowflake = (): string => String(BigInt(`0x${randomBytes(7).toString('hex')}`) + 100_000_000_000_000_000n);

export interface DiscordPerson {
  id: string;
  username: string;
}

interface Where {
  applicationId: string;
  guildId?: string;
  channelId: string;
  user: DiscordPerson;
}

/**
 * Interactions in Discord's shapes, built from the recorded fixtures: a guild interaction keeps
 * the fixture's `member` (with our user), a DM one its `user` and no guild.
 */
const displayName = (u: DiscordPerson) => u.username.charAt(0).toUpperCase() + u.username.slice(1);

function envelope(base: any, where: Where, type: number, data: unknown): any {
  const out = { ...base, id: snowflake(), token: `tok-${randomBytes(12).toString('hex')}`, type, application_id: where.applicationId, channel_id: where.channelId, data };
  delete out.message;
  if (where.guildId) {
    out.guild_id = where.guildId;
    out.member = { ...base.member, nick: null, user: { ...base.member.user, id: where.user.id, username: where.user.username, global_name: displayName(where.user) } };
    delete out.user;
  } else {
    const dm = fixture('application-command-subcommand-dm.json');
    delete out.guild_id;
    delete out.member;
    out.user = { ...dm.user, id: where.user.id, username: where.user.username, global_name: displayName(where.user) };
    out.channel = { id: where.channelId, type: 1 };
    out.context = 1;
  }
  return out;
}

export const commandInteraction = (where: Where, name: string, options: unknown[]) =>
  envelope(fixture('application-command-subcommand-guild.json'), where, 2, { id: snowflake(), name, type: 1, options });

export const buttonInteraction = (where: Where, customId: string) =>
  envelope(fixture('message-component-button.json'), where, 3, { custom_id: customId, component_type: 2 });

export const selectInteraction = (where: Where, customId: string, values: string[]) =>
  envelope(fixture('message-component-select.json'), where, 3, { custom_id: customId, component_type: 3, values });

export const modalInteraction = (where: Where, customId: string, components: unknown[]) =>
  envelope(fixture('modal-submit-label.json'), where, 5, { custom_id: customId, components });

export const autocompleteInteraction = (where: Where, name: string, options: unknown[]) => ({
  ...envelope(fixture('application-command-subcommand-guild.json'), where, 4, { id: snowflake(), name, type: 1, options }),
});
