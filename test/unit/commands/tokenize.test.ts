import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/core/commands/tokenize.js';
import { UserError } from '../../../src/core/errors.js';

describe('tokenize', () => {
  it.each<[string, string[]]>([
    ['', []],
    ['   ', []],
    ['status', ['status']],
    ['  log-call   45m\tsupervision  ', ['log-call', '45m', 'supervision']],
    ['log-call 45m "talked about goals"', ['log-call', '45m', 'talked about goals']],
    ['notes="a b" kind=peer', ['notes=a b', 'kind=peer']],
    ['a"b c"d', ['ab cd']],
    ['“curly quotes” work', ['curly quotes', 'work']],
    ['notes=“a b”', ['notes=a b']],
    ['‘single curly’ too', ['single curly', 'too']],
    ["don't split apostrophes", ["don't", 'split', 'apostrophes']],
    ["it's Ana's call", ["it's", "Ana's", 'call']],
    ["'quoted at the start' x", ['quoted at the start', 'x']],
    ['"" empty', ['', 'empty']],
    ['say "he said \'hi\'"', ['say', "he said 'hi'"]],
    ['<@U123|ana> @bo', ['<@U123|ana>', '@bo']],
  ])('splits %j into %j', (text, words) => {
    expect(tokenize(text)).toEqual(words);
  });

  it.each(['"never closed', 'notes="a b', '“curly never closed', "'open single"])('refuses an unclosed quote in %j with a UserError', (text) => {
    expect(() => tokenize(text)).toThrow(UserError);
    expect(() => tokenize(text)).toThrow('A quote is opened but never closed.');
  });
});
