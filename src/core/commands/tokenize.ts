import { UserError } from '../errors.js';

const QUOTES: Record<string, string> = { '"': '"', '“': '”', '‘': '’', "'": "'" };

/**
 * Splits command text into words. Quotes keep spaces together anywhere in a word, so
 * `notes="a b"` is one word `notes=a b`. Straight and curly double quotes are understood;
 * a single quote only opens a quote at the start of a word (so "don't" stays one word).
 */
export function tokenize(text: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const closing = QUOTES[ch];
    if (closing && (ch !== "'" || !inWord)) {
      const end = text.indexOf(closing, i + 1);
      if (end === -1) throw new UserError('A quote is opened but never closed.', { code: 'UNCLOSED_QUOTE' });
      current += text.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (/\s/.test(ch)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += ch;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
}
