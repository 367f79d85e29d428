// Per-field checks for forms: each check throws the UserError its command would, and the form
// shows that message beside the field instead of losing what was typed.
import { isUserError } from '../errors.js';
import { message, type Form, type Outcome } from '../messages/model.js';

/** Runs each field's check; the messages of those that fail, by input id. Other errors propagate. */
export function fieldErrorsOf(checks: Record<string, () => unknown>): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, check] of Object.entries(checks)) {
    try {
      check();
    } catch (error) {
      if (!isUserError(error)) throw error;
      errors[field] = error.message;
    }
  }
  return errors;
}

/** A private answer naming each field that needs another look (the console shows it as is). */
export function fieldErrorsOutcome(errors: Record<string, string>, refilled?: Form): Outcome {
  const lines = Object.entries(errors).map(([id, text]) => `${id}: ${text}`);
  const text = `Nothing was saved yet — please check ${lines.length === 1 ? 'this answer' : 'these answers'}:\n${lines.join('\n')}`;
  return { reply: { visibility: 'private', message: message(text), fieldErrors: errors, ...(refilled ? { form: refilled } : {}) }, outbound: [] };
}

/** The form again holding what was typed: each input's `initial` is the submitted value, if any. */
export function refilled(form: Form, values: Record<string, string>): Form {
  return { ...form, inputs: form.inputs.map((input) => (values[input.id] ? { ...input, initial: values[input.id] } : input)) };
}
