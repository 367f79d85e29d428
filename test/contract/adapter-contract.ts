/**
 * The shared adapter contract: every platform adapter (Slack, Discord, console) must pass it.
 * Each adapter's test file builds a harness that drives the real adapter (signed HTTP requests
 * against the web app, the SDK pointed at a local fake API) and calls `runAdapterContract`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

export interface ContractReply {
  /** All visible text of the reply (message text, blocks, embed fields, button labels). */
  text: string;
  /** True when only the actor could see it (Slack ephemeral / Discord flag 64 / console private). */
  private: boolean;
  /** Buttons offered, as core action + value. */
  buttons: { action: string; value: string; label: string }[];
  /** A form (modal) opened instead of a message. */
  form?: { id: string; inputIds: string[]; context?: string };
}

export interface ContractMessage {
  /** 'dm:<user external id>' or 'channel:<channel id>' */
  to: string;
  text: string;
}

export interface AdapterHarness {
  name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Runs `/mentor <text>` as the user (created on first use) and returns what the user saw. */
  command(user: string, text: string): Promise<ContractReply>;
  press(user: string, action: string, value: string): Promise<ContractReply>;
  submit(user: string, formId: string, values: Record<string, string>, context?: string): Promise<ContractReply>;
  /** Messages the bot sent to DMs and channels since the last call, in order. */
  takeSent(): Promise<ContractMessage[]>;
}

export function runAdapterContract(makeHarness: () => AdapterHarness): void {
  const harness = makeHarness();
  describe(`adapter contract: ${harness.name}`, () => {
    beforeAll(() => harness.start());
    afterAll(() => harness.stop());

    it('answers /mentor help privately with every subcommand and its usage', async () => {
      const reply = await harness.command('ana', 'help');
      expect(reply.private).toBe(true);
      expect(reply.text).toContain('/mentor status');
      expect(reply.text).toContain('/mentor help');
    });

    it('answers an unknown subcommand privately, pointing to help', async () => {
      const reply = await harness.command('ana', 'frobnicate now');
      expect(reply.private).toBe(true);
      expect(reply.text).toContain('/mentor help');
    });

    it('answers status for someone not enrolled with how to join, privately', async () => {
      const reply = await harness.command('newcomer', 'status');
      expect(reply.private).toBe(true);
      expect(reply.text).toMatch(/not enrolled/i);
    });

    it('answers a stale button privately instead of failing', async () => {
      const reply = await harness.press('ana', 'no.such.action', 'x');
      expect(reply.private).toBe(true);
      expect(reply.text).toMatch(/no longer/i);
    });

    it('answers an expired form privately instead of failing', async () => {
      const reply = await harness.submit('ana', 'no-such-form', { a: 'b' });
      expect(reply.private).toBe(true);
      expect(reply.text).toMatch(/expired/i);
    });
  });
}
