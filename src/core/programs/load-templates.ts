// Loading and validating program templates. Built-in templates live as JSON beside this
// file; a coordinator's own template goes through the same `parseTemplate`, so a bad file
// is refused with one precise message instead of failing later inside a program rule.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { ZProgramTemplate, type ProgramTemplate } from './template-schema.js';
import { TrellisError } from '../errors.js';

export class TemplateError extends TrellisError {
  constructor(
    readonly templateId: string,
    /** Dotted path of the first bad field, e.g. `phases.1.endWeek`; '' for the whole file. */
    readonly field: string,
    readonly reason: string,
  ) {
    super(`template "${templateId}": ${field ? `${field}: ` : ''}${reason}`, { code: 'TEMPLATE_INVALID' });
    this.name = 'TemplateError';
  }
}

type Issue = z.core.$ZodIssue;

function idOf(raw: unknown): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? id : '(no id)';
}

const article = (word: string): string => (/^[aeiou]/.test(word) ? 'an' : 'a');

/** zod's default wording is written for developers; these read better to a coordinator. */
function reasonOf(issue: Issue): string {
  if (issue.code === 'invalid_type') {
    return issue.input === undefined ? 'is required' : `must be ${article(issue.expected)} ${issue.expected}`;
  }
  if (issue.code === 'invalid_value' && issue.values.length > 1) {
    return `must be one of ${issue.values.map(String).join(', ')}`;
  }
  if (issue.code === 'unrecognized_keys') return 'is not a known field';
  return issue.message;
}

function fieldOf(issue: Issue): string {
  const path = issue.path.map(String);
  // An unknown key is reported on its parent object; name the key itself.
  if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path.push(issue.keys[0]);
  return path.join('.');
}

/** Validates one template; throws TemplateError naming the first bad field. */
export function parseTemplate(raw: unknown): ProgramTemplate {
  const result = ZProgramTemplate.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  const first = result.error.issues[0];
  if (!first) throw new TemplateError(idOf(raw), '', 'is invalid');
  throw new TemplateError(idOf(raw), fieldOf(first), reasonOf(first));
}

/** Reads and validates one JSON template file; its name must match the template id. */
export function loadTemplateFile(path: string): ProgramTemplate {
  const fileId = basename(path, '.json');
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new TemplateError(fileId, '', `cannot read JSON (${(err as Error).message})`);
  }
  const template = parseTemplate(raw);
  if (template.id !== fileId) {
    throw new TemplateError(template.id, 'id', `must match the file name "${fileId}"`);
  }
  return template;
}

/** Loads every `*.json` in `dir`, sorted by file name so the order is stable. */
export function loadTemplatesFromDir(dir: string): ProgramTemplate[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  return files.map((f) => loadTemplateFile(join(dir, f)));
}

const BUILTIN_DIR = fileURLToPath(new URL('./templates/', import.meta.url));

// Templates never change while the process runs, so they are read once. They are frozen
// because every caller shares the same objects.
let builtins: ProgramTemplate[] | undefined;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export function loadBuiltinTemplates(): ProgramTemplate[] {
  builtins ??= deepFreeze(loadTemplatesFromDir(BUILTIN_DIR));
  return builtins;
}

export function findTemplate(
  id: string,
  templates: readonly ProgramTemplate[] = loadBuiltinTemplates(),
): ProgramTemplate | undefined {
  return templates.find((t) => t.id === id);
}
