// The load generator: signed platform requests arriving all through the run, at the web
// processes (round robin, as a load balancer would; a process that is down refuses the
// connection and the request is simply not acknowledged, as when Slack gets no answer). Each
// command is `/mentor log-call <m>m supervision` (observation for the unpaired) with a number of minutes unique to its person,
// so the audit can find exactly its CallLog row afterwards.
import { createHmac, type KeyObject } from 'node:crypto';
import { NOT_TAKEN } from '../src/platform/intake.js';
import { commandInteraction, postInteraction } from '../test/integration/discord/signed-requests.js';
import { slashCommand } from '../test/integration/slack/support/payloads.js';
import { DISCORD_APPLICATION, DISCORD_GUILD, participant, type Participant } from './seed.js';

export interface SentCommand {
  participant: Participant;
  minutes: number;
  /** The web process answered 200 within Slack's 3 seconds (the platform shows it as received). */
  acked: boolean;
  /** Why it was not acknowledged (refused connection, timeout, status). */
  failure?: string;
  /** Where its answer arrives: the response_url id (Slack) or the interaction token (Discord). */
  replyId: string;
}

export interface LoadOptions {
  participants: number;
  webPorts: () => number[];
  slackSigningSecret: string;
  discordKey: KeyObject;
  responseUrl: string;
}

const ACK_TIMEOUT_MS = 3_000;
/** Supervision needs an active match (and then tells the other side); the unpaired log an observation. */
const kindFor = (who: Participant) => (who.paired ? 'supervision' : 'observation');

export function createLoad(options: LoadOptions) {
  const sent: SentCommand[] = [];
  const used = new Map<string, number>();
  let next = 0;
  let seq = 0;

  async function slack(url: string, who: Participant, minutes: number, record: SentCommand): Promise<Response> {
    record.replyId = `r${++seq}`;
    const body = slashCommand({ teamId: 'TCHAOS', userId: who.userId, userName: `chaos${who.personId}` }, `log-call ${minutes}m ${kindFor(who)}`, { responseUrl: `${options.responseUrl}${record.replyId}` });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', options.slackSigningSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    return fetch(`${url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature },
      body,
      signal: AbortSignal.timeout(ACK_TIMEOUT_MS),
    });
  }

  async function discord(url: string, who: Participant, minutes: number, record: SentCommand): Promise<{ status: number; json: unknown }> {
    const where = { applicationId: DISCORD_APPLICATION, guildId: DISCORD_GUILD, channelId: '1400000000000000200', user: { id: who.userId, username: `chaos${who.personId}` } };
    const options_ = [{ type: 1, name: 'log-call', options: [{ type: 3, name: 'duration', value: `${minutes}m` }, { type: 3, name: 'kind', value: kindFor(who) }] }];
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer within 3 s')), ACK_TIMEOUT_MS).unref());
    const interaction = commandInteraction(where, 'mentor', options_);
    record.replyId = interaction.token;
    return Promise.race([postInteraction(`${url}/discord/interactions`, options.discordKey, interaction), timeout]);
  }

  /** One command from a random participant to the next web process. */
  async function sendOne(): Promise<void> {
    const who = participant(1 + Math.floor(Math.random() * options.participants), options.participants);
    const minutes = (used.get(who.personId) ?? 0) + 1;
    used.set(who.personId, minutes);
    const ports = options.webPorts();
    const port = ports[next++ % ports.length]!;
    const url = `http://127.0.0.1:${port}`;
    const record: SentCommand = { participant: who, minutes, acked: false, replyId: '' };
    sent.push(record);
    try {
      const answer = who.platform === 'slack' ? await slack(url, who, minutes, record) : await discord(url, who, minutes, record);
      const body = answer instanceof Response ? await answer.text() : JSON.stringify(answer.json ?? '');
      // A 200 that says the request could not be taken (Postgres out of reach) is a refusal the
      // person reads, not an acknowledgement: nothing was promised.
      const refused = body.includes(NOT_TAKEN);
      record.acked = answer.status === 200 && !refused;
      if (!record.acked) record.failure = refused ? 'refused: not written down' : `HTTP ${answer.status}`;
    } catch (error) {
      record.failure = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name ?? 'error';
    }
  }

  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<void>>();
  return {
    sent,
    /** `perSecond` commands a second, each on its own (a slow answer does not hold up the next). */
    start(perSecond: number): void {
      timer = setInterval(() => {
        const work = sendOne();
        inFlight.add(work);
        void work.finally(() => inFlight.delete(work));
      }, 1_000 / perSecond);
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      await Promise.all([...inFlight]);
    },
  };
}
