import type { Person } from '../../domain.js';
import { UserError } from '../../errors.js';
import type { ArgSpec, ArgValue } from './kinds.js';

/**
 * A command's arguments after the router read and checked them against the declaration.
 * People are already resolved in the workspace. Asking for an argument the command did not
 * declare is a programming error and throws at once.
 */
export class Args {
  constructor(
    private readonly specs: readonly ArgSpec[],
    private readonly values: ReadonlyMap<string, ArgValue>,
    private readonly people: ReadonlyMap<string, Person[]>,
  ) {}

  private spec(name: string): ArgSpec {
    const spec = this.specs.find((s) => s.name === name);
    if (!spec) throw new Error(`argument "${name}" is not declared`);
    return spec;
  }

  has(name: string): boolean {
    this.spec(name);
    return this.values.has(name);
  }

  /** True when no argument at all was given (e.g. `/mentor log-call` alone opens a form). */
  get empty(): boolean {
    return this.values.size === 0;
  }

  /** A word, text, choice, date (YYYY-MM-DD, `today`, `yesterday`), time (HH:MM), zone, program or template. */
  string(name: string): string | undefined {
    const v = this.values.get(name);
    if (this.spec(name).kind === 'person') throw new Error(`argument "${name}" is a person; use person()`);
    return v === undefined ? undefined : String(v);
  }

  requiredString(name: string): string {
    const v = this.string(name);
    if (v === undefined) throw missing(this.spec(name));
    return v;
  }

  /** Minutes for a duration, the number for an integer. */
  number(name: string): number | undefined {
    const v = this.values.get(name);
    this.spec(name);
    return typeof v === 'number' ? v : undefined;
  }

  person(name: string): Person | undefined {
    return this.people.get(name)?.[0];
  }

  requiredPerson(name: string): Person {
    const p = this.person(name);
    if (!p) throw missing(this.spec(name));
    return p;
  }

  /** A variadic person argument: everyone named, in order, without repeats. */
  persons(name: string): Person[] {
    this.spec(name);
    return this.people.get(name) ?? [];
  }
}

export function missing(spec: ArgSpec): UserError {
  const what = spec.kind === 'person' ? `Name the ${spec.name.replace(/-/g, ' ')} as @name.` : `Missing <${spec.name}> — ${spec.description}.`;
  return new UserError(what, { code: 'MISSING_ARGUMENT', argument: spec.name });
}
