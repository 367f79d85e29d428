import type { Services } from '../../src/app/services.js';
import type { Invocation } from '../../src/core/commands/types.js';
import type { Button, Form, Outcome } from '../../src/core/messages/model.js';
import { renderPlain } from '../../src/core/messages/plain-text.js';
import { uniqueName } from './db.js';
import { createTestServices, TestClock } from './services.js';

export interface Seen {
  text: string;
  private: boolean;
  buttons: Button[];
  form?: Form;
}

export interface Delivered {
  to: string;
  text: string;
  buttons: Button[];
}

/**
 * Drives the real core (real Postgres, real repositories) as a set of people in one workspace of
 * its own, remembering what each was shown so tests can press the buttons and fill in the forms.
 */
export class CoreHarness {
  readonly workspace = uniqueName('ws');
  readonly delivered: Delivered[] = [];
  private readonly shown = new Map<string, { buttons: Button[]; forms: Form[] }>();
  private readonly handles = new Map<string, string>();

  private constructor(
    readonly services: Services,
    readonly clock: TestClock,
  ) {}

  /** `env` overrides the services' environment, e.g. a `DATABASE_URL` of the test's own. */
  static async start(at = '2026-03-02T14:00:00Z', env: Record<string, string> = {}): Promise<CoreHarness> {
    const clock = new TestClock(new Date(at));
    return new CoreHarness(await createTestServices(clock, env), clock);
  }

  close(): Promise<void> {
    return this.services.close();
  }

  private memory(handle: string) {
    if (!this.shown.has(handle)) this.shown.set(handle, { buttons: [], forms: [] });
    return this.shown.get(handle)!;
  }

  async personId(handle: string): Promise<string> {
    const { person } = await this.services.store.people.resolve(this.identity(handle));
    this.handles.set(person.id, handle);
    return person.id;
  }

  private identity(handle: string, timeZone = 'UTC') {
    return { platform: 'console' as const, workspaceExternalId: this.workspace, workspaceName: 'Test', externalUserId: handle, handle, displayName: handle[0]!.toUpperCase() + handle.slice(1), timeZone };
  }

  async run(handle: string, invocation: Invocation, channelId = 'C-general'): Promise<Seen> {
    await this.personId(handle);
    const outcome: Outcome = await this.services.trellis.handle({ ...this.identity(handle), channelId }, invocation);
    for (const item of outcome.outbound) {
      const to = item.to.kind === 'person' ? this.handles.get(item.to.personId) ?? item.to.personId : `#${item.to.channelId}`;
      const buttons = item.message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
      this.memory(to).buttons.push(...buttons);
      this.delivered.push({ to, text: renderPlain(item.message.blocks), buttons });
    }
    const message = outcome.reply.message;
    const buttons = message?.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : [])) ?? [];
    this.memory(handle).buttons.push(...buttons);
    if (outcome.reply.form) this.memory(handle).forms.push(outcome.reply.form);
    return { text: message ? renderPlain(message.blocks) : '', private: outcome.reply.visibility === 'private', buttons, form: outcome.reply.form };
  }

  command(handle: string, text: string, channelId?: string): Promise<Seen> {
    return this.run(handle, { kind: 'command', text }, channelId);
  }

  /** Presses the newest button with this action that `handle` was shown. */
  press(handle: string, action: string, value?: string): Promise<Seen> {
    const button = this.memory(handle).buttons.findLast((b) => b.action === action);
    const chosen = value ?? button?.value;
    if (chosen === undefined) throw new Error(`${handle} was never shown a ${action} button`);
    return this.run(handle, { kind: 'action', action, value: chosen });
  }

  /** Submits the newest form with this id that `handle` was shown. */
  submit(handle: string, formId: string, values: Record<string, string>): Promise<Seen> {
    const form = this.memory(handle).forms.findLast((f) => f.id === formId);
    return this.run(handle, { kind: 'form', formId, values, context: form?.context });
  }

  /** Messages delivered to `to` (a handle or `#channel`) since the last call. */
  takeDelivered(to: string): Delivered[] {
    const mine = this.delivered.filter((d) => d.to === to);
    for (const d of mine) this.delivered.splice(this.delivered.indexOf(d), 1);
    return mine;
  }

  // --- common journeys --------------------------------------------------------------------

  async createProgram(coordinator: string, slug: string, template: string): Promise<void> {
    const seen = await this.command(coordinator, `admin program create ${slug} ${template}`);
    if (!seen.text.startsWith('Created')) throw new Error(seen.text);
  }

  async joinAsMentor(handle: string, slug: string, answers: Record<string, string> = {}): Promise<Seen> {
    await this.command(handle, `join ${slug} mentor`);
    await this.press(handle, 'join.confirm');
    return this.submit(handle, 'join-details', { availability: 'Mon 18:00-20:00, Thu', criterion: 'recovery-time', field: 'nursing', readiness: 'yes', expectations: 'agree', ...answers });
  }

  async joinAsMentee(handle: string, slug: string, answers: Record<string, string> = {}): Promise<Seen> {
    await this.command(handle, `join ${slug}`);
    await this.press(handle, 'join.confirm');
    return this.submit(handle, 'join-details', {
      availability: 'Mon 19:00-21:00', profession: 'ICU nursing', 'mentor-field': 'same-field', 'mentor-gender': 'no-preference',
      'mentor-experience': 'no-preference', 'other-preferences': 'someone patient', hopes: 'steadiness', ...answers,
    });
  }
}
