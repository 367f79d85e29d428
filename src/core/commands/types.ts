import type { Identity, Person, Workspace } from '../domain.js';
import type { Outcome } from '../messages/model.js';
import type { Store } from '../ports/repositories.js';
import type { TemplateCatalog } from '../programs/catalog.js';

/** Everything a handler may use. `store` is bound to the command's transaction. */
export interface CommandContext {
  store: Store;
  now: Date;
  actor: Person;
  identity: Identity;
  workspace: Workspace;
  /** The channel the command ran in, when the platform has one (cohorts bind to it). */
  channelId?: string;
  templates: TemplateCatalog;
}

export interface CommandSpec {
  /** Words after `/mentor`, e.g. `['status']` or `['admin', 'suggest']`. */
  path: string[];
  usage: string;
  summary: string;
  /** Coordinator commands are listed separately and checked again in their handler. */
  group?: 'everyone' | 'coordinator';
  run(ctx: CommandContext, args: string[]): Promise<Outcome>;
}

/** A button press: `value` is the id the button carried. */
export interface ActionSpec {
  action: string;
  run(ctx: CommandContext, value: string): Promise<Outcome>;
}

/** A submitted form: values by input id, plus the opaque context the form carried. */
export interface FormSpec {
  formId: string;
  run(ctx: CommandContext, values: Record<string, string>, context: string | undefined): Promise<Outcome>;
}

export type Invocation =
  | { kind: 'command'; text: string }
  | { kind: 'action'; action: string; value: string }
  | { kind: 'form'; formId: string; values: Record<string, string>; context?: string };
