import { tokenizeArgs } from '../../src/bot/tokenize-args';

describe('tokenizeArgs', () => {
  it.each<[string, string, string[]]>([
    ['empty', '', []],
    ['only spaces', '   \t ', []],
    ['one word', 'circle', ['circle']],
    ['extra spaces', '  join   123  ', ['join', '123']],
    ['full-width space (IME)', '加入\u3000123', ['加入', '123']],
    ['full-width letters and digits', 'ｊｏｉｎ　１２３', ['join', '123']],
    ['double quotes', 'create "Annual Party" 2026', ['create', 'Annual Party', '2026']],
    ['single quotes', "say 'a  b'", ['say', 'a  b']],
    ['curly quotes', 'create “年会 2026” now', ['create', '年会 2026', 'now']],
    ['corner quotes', '创建 「技术 沙龙」', ['创建', '技术 沙龙']],
    ['empty quotes are an argument', 'set ""', ['set', '']],
    ['unclosed quote takes the rest', 'say "hello world', ['say', 'hello world']],
    ['full-width punctuation folded', '城市：广州，天河', ['城市:广州,天河']],
    ['tabs and newlines separate', 'a\tb\nc', ['a', 'b', 'c']],
    ['quote inside a word joins', 'ab"c d"e', ['abc de']],
  ])('%s', (_name, input, expected) => {
    expect(tokenizeArgs(input)).toEqual(expected);
  });
});
