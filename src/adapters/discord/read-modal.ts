import type { Form } from '../../core/messages/model.js';
import type { SubmittedComponent } from './interaction.js';
import { MORE_INPUT_ID, moreKey } from './render-form.js';

/** Every input of a submission, whether in the current Label layout or the older action rows. */
function inputs(components: SubmittedComponent[]): SubmittedComponent[] {
  return components.flatMap((c) => {
    if (c.component) return inputs([c.component]);
    if (c.components) return inputs(c.components);
    return c.custom_id ? [c] : [];
  });
}

const valueOf = (c: SubmittedComponent): string => {
  if (c.values) return c.values.join(',');
  if (typeof c.value === 'boolean') return c.value ? 'yes' : 'no';
  return c.value ?? '';
};

/**
 * Reads the combined "More answers" input back into values by input id: a line starting with an
 * input's key as the template wrote it (or just its label, or its id) and a colon starts that
 * answer; other lines continue the answer before. Labels may themselves contain colons.
 */
export function readMoreAnswers(text: string, form: Form | undefined): Record<string, string> {
  const keys = (form?.inputs ?? [])
    .flatMap((input) => [moreKey(input), input.label, input.id].map((key) => ({ prefix: `${key.toLowerCase()}:`, id: input.id })))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const values: Record<string, string> = {};
  let current: string | undefined;
  for (const line of text.split('\n')) {
    const key = keys.find((k) => line.toLowerCase().startsWith(k.prefix));
    if (key) {
      current = key.id;
      values[key.id] = line.slice(key.prefix.length).replace(/^ /, '');
    } else if (current) values[current] = `${values[current]}\n${line}`;
  }
  return values;
}

/**
 * A modal submission as the core's form values. Empty answers are left out, as a person who left
 * an optional box empty gave no answer. The combined input's custom_id names the stashed form
 * whose labels it is read by; if that form is gone (another process, a restart), those answers
 * are missing and the core's own checks ask for them again.
 */
export function readModalValues(components: SubmittedComponent[], lookup: (key: string) => Form | undefined = () => undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const input of inputs(components)) {
    const id = input.custom_id!;
    const raw = valueOf(input);
    if (id === MORE_INPUT_ID || id.startsWith(`${MORE_INPUT_ID}|`)) Object.assign(values, readMoreAnswers(raw, lookup(id.slice(MORE_INPUT_ID.length + 1))));
    else values[id] = raw;
  }
  for (const [id, value] of Object.entries(values)) {
    const trimmed = value.trim();
    if (trimmed) values[id] = trimmed;
    else delete values[id];
  }
  return values;
}
