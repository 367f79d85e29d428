import type { Form, Message } from '../../core/messages/model.js';
import { renderPlainLines } from '../../core/messages/plain-text.js';

/** Plain text for a terminal; buttons show the `press` line that triggers them. */
export function renderText(msg: Message): string[] {
  return renderPlainLines(msg.blocks, (buttons) => [buttons.map((b) => `[${b.label}: press ${b.action} ${b.value}]`).join(' ')]);
}

export function renderForm(form: Form): string[] {
  const inputs = form.inputs.flatMap((i) => {
    if (i.kind === 'multi-choice') {
      // Each choice on its own line: the values to type, and what each one means.
      return [`  ${i.id}${i.optional ? ' (optional)' : ''}: ${i.label} (any of, separated by commas)`, ...i.choices.map((c) => `    ${c.value}: ${c.label}`)];
    }
    const choices = i.kind === 'choice' ? ` (one of: ${i.choices.map((c) => c.value).join(', ')})` : '';
    return `  ${i.id}${i.optional ? ' (optional)' : ''}: ${i.label}${choices}`;
  });
  const example = form.inputs.map((i) => `${i.id}="…"`).join(' ');
  return [`[form] ${form.title}`, ...inputs, `  fill it in with: submit ${form.id}${form.context ? ` context=${form.context}` : ''} ${example}`];
}
