import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { SlackTestApp } from './support/harness.js';
import { slashCommand } from './support/payloads.js';

// SLACK_APP_TOKEN set: Bolt connects out over a WebSocket (here a local stand-in for Slack's
// Socket Mode server) instead of receiving HTTP, and the same listeners answer.
describe('Socket Mode', () => {
  const slack = new SlackTestApp({ env: { SLACK_APP_TOKEN: 'xapp-1-test', SLACK_SIGNING_SECRET: '' } });
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  let socket: WebSocket;
  const received: Array<Record<string, unknown>> = [];
  const connected = new Promise<void>((resolve) =>
    server.on('connection', (ws) => {
      socket = ws;
      ws.on('message', (data) => received.push(JSON.parse(String(data)) as Record<string, unknown>));
      ws.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'test' }, connection_info: { app_id: 'A0TRELLIS' } }));
      resolve();
    }),
  );

  beforeAll(async () => {
    await slack.start();
    slack.api.socketUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    await slack.adapter.start!();
    await connected;
  });
  afterAll(async () => {
    await slack.stop();
    server.close();
  });

  const until = async (check: () => boolean) => {
    for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
    return check();
  };

  it('opens the connection with the app-level token', () => {
    const open = slack.api.callsTo('apps.connections.open');
    expect(open).toHaveLength(1);
    expect(open[0]!.token).toBe('xapp-1-test');
  });

  it('acknowledges a slash command envelope and answers on its response_url', async () => {
    const who = slack.who('sol');
    const payload = Object.fromEntries(new URLSearchParams(slashCommand(who, 'help', { responseUrl: slack.api.responseUrl() })));
    socket.send(JSON.stringify({ envelope_id: 'env-1', type: 'slash_commands', accepts_response_payload: true, payload }));
    expect(await until(() => received.some((m) => m.envelope_id === 'env-1'))).toBe(true);
    expect(await until(() => slack.api.responses.length > 0)).toBe(true);
    expect(slack.api.responses[0]!.body.response_type).toBe('ephemeral');
  });
});
