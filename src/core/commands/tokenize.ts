import { UserError } from '../errors.js';

/** Splits command text into words; "double" or “curly” quotes keep spaces together. */
export function tokenize(text: string): string[] {
  const words: string[] = [];
  const pattern = /"([^"]*)"|“([^”]*)”|(\S+)/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) words.push(match[1] ?? match[2] ?? match[3] ?? '');
  const opened = (text.match(/"/g) ?? []).length;
  if (opened % 2 === 1) throw new UserError('A quote is opened but never closed.');
  return words;
}
