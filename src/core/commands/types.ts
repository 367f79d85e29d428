import type { Enrollment, Identity, Person, Program, Workspace } from '../domain.js';
import type { Form, Outcome } from '../messages/model.js';
import type { PublicLinks } from '../ports/links.js';
import type { Store } from '../ports/repositories.js';
import type { TemplateCatalog } from '../programs/catalog.js';
import type { Args } from './arguments/args.js';
import type { ArgSpec } from './arguments/kinds.js';

export type { ArgSpec } from './arguments/kinds.js';
export type { Args } from './arguments/args.js';

/**
 * Who may run a command; the router checks it before the handler runs and hands over the program
 * it is about as `ctx.scope`:
 * - `anyone`: anybody in the workspace; no scope.
 * - `participant` / `mentor` / `mentee`: a live (active or paused) enrollment in that role — the
 *   only one, or the one named with `--program`; scope is that enrollment and its program.
 * - `coordinator`: an active coordinator of a program in this workspace — the only one, or the
 *   one named with `--program`; scope is the coordinator's enrollment and the program.
 */
export type Requirement = 'anyone' | 'participant' | 'mentor' | 'mentee' | 'coordinator';

export interface Scope {
  program: Program;
  enrollment: Enrollment;
}

/** How commands are written on the surface the person uses (text on Slack and the console, slash options on Discord). */
export interface CommandNaming {
  /** `/mentor admin match` as the person would type it here. */
  command(path: readonly string[]): string;
  /** The whole usage line of a command. */
  usage(spec: CommandSpec): string;
}

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
  /** Set by the router for commands that require a role (see Requirement). */
  scope?: Scope;
  /** The running command's usage line, for errors that should show it. */
  usage?: string;
  naming?: CommandNaming;
  /** Calendar and dashboard addresses (TRELLIS_PUBLIC_URL); absent only in tests that need none. */
  links?: PublicLinks;
}

export interface CommandSpec {
  /** Words after `/mentor`, e.g. `['status']` or `['admin', 'suggest']`. */
  path: string[];
  summary: string;
  /** Declared once: parsing, usage, help, Discord options and autocomplete all come from here. */
  args: ArgSpec[];
  requires: Requirement;
  /**
   * Where a one-word command belongs among related ones (e.g. `account` for pause, resume, away,
   * export, withdraw): surfaces with a limited number of entries per level (Discord: 25) nest it
   * there (`/mentor account pause`); typed text stays `/mentor pause`.
   */
  section?: string;
  /** With no arguments at all the command opens a form, so required arguments are not asked for then. */
  bareOpensForm?: boolean;
  run(ctx: CommandContext, args: Args): Promise<Outcome>;
}

/** A button press: `value` is the id the button carried. */
export interface ActionSpec {
  action: string;
  run(ctx: CommandContext, value: string): Promise<Outcome>;
}

/** A submitted form: values by input id, plus the opaque context the form carried. */
export interface FormSpec {
  formId: string;
  /**
   * The form's own checks on what was typed, without the database: a message per input id, empty
   * when all is well. Run before `run` (so nothing is saved from a bad form) and by adapters that
   * must answer within the platform's deadline (Slack's `response_action: "errors"`).
   */
  validate?(values: Record<string, string>, env: { now: Date; timeZone: string }): Record<string, string>;
  /** The form again, filled with what was submitted (shown with the errors: nothing typed is lost). */
  refill?(ctx: CommandContext, values: Record<string, string>, context: string | undefined): Form | Promise<Form | undefined>;
  run(ctx: CommandContext, values: Record<string, string>, context: string | undefined): Promise<Outcome>;
}

export type Invocation =
  /** What a person typed after `/mentor` (console, Slack). */
  | { kind: 'command'; text: string }
  /** A command picked with typed options (Discord): the path and each option by its declared name. */
  | { kind: 'typed-command'; path: string[]; options: Record<string, string | number | boolean> }
  | { kind: 'action'; action: string; value: string }
  | { kind: 'form'; formId: string; values: Record<string, string>; context?: string };

/** The scope a role-checked command runs in; the router always sets it for such commands. */
export function scopeOf(ctx: CommandContext): Scope {
  if (!ctx.scope) throw new Error('this command declares no requirement, so it has no scope');
  return ctx.scope;
}
