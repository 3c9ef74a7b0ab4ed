import type { Command } from '../../src/bot/command';
import { CommandRegistry } from '../../src/bot/command-registry';

function command(key: string, zh: string[], en: string[]): Command {
  return {
    key,
    aliases: { zh, en },
    summary: { zh: key, en: key },
    usage: { zh: key, en: key },
    run: async () => key,
  };
}

const registry = new CommandRegistry().register(
  command('help', ['帮助'], ['help']),
  command('circle', ['圈子'], ['circle']),
  command('circle-create', ['创建圈子', '圈子创建'], ['circle create', 'new circle']),
  command('join', ['加入'], ['join']),
);

describe('CommandRegistry.match', () => {
  it.each<[string, string | null, string, string[]]>([
    ['help', 'help', 'en', []],
    ['HELP', 'help', 'en', []],
    ['  help  ', 'help', 'en', []],
    ['ｈｅｌｐ', 'help', 'en', []],
    ['帮助', 'help', 'zh', []],
    ['help join', 'help', 'en', ['join']],
    ['circle create "Annual Party"', 'circle-create', 'en', ['Annual Party']],
    ['circle', 'circle', 'en', []],
    ['circle list', 'circle', 'en', ['list']],
    ['创建圈子 年会', 'circle-create', 'zh', ['年会']],
    ['圈子创建年会', 'circle-create', 'zh', ['年会']],
    ['加入123', 'join', 'zh', ['123']],
    ['加入\u3000１２３', 'join', 'zh', ['123']],
    ['helpme', null, '', []],
    ['joinus', null, '', []],
    ['hello', null, '', []],
    ['', null, '', []],
  ])('%j', (text, key, lang, args) => {
    const match = registry.match(text);
    if (key === null) {
      expect(match).toBeNull();
      return;
    }
    expect(match?.command.key).toBe(key);
    expect(match?.input.lang).toBe(lang);
    expect(match?.input.args).toEqual(args);
  });

  it('keeps the rest of the text as typed, for free text', () => {
    expect(registry.match('加入  我的  状态')?.input.rest).toBe('我的  状态');
  });

  it('finds commands by key or alias', () => {
    expect(registry.find('circle-create')?.key).toBe('circle-create');
    expect(registry.find('创建圈子')?.key).toBe('circle-create');
    expect(registry.find('nothing')).toBeUndefined();
  });

  it('lists commands in registration order', () => {
    expect(registry.list().map((c) => c.key)).toEqual(['help', 'circle', 'circle-create', 'join']);
  });
});

describe('CommandRegistry.register', () => {
  it('refuses an alias taken by another command, naming both', () => {
    const r = new CommandRegistry().register(command('a', ['甲'], ['alpha']));
    expect(() => r.register(command('b', [], ['ALPHA']))).toThrow('command alias "alpha" of "b" is already taken by "a"');
  });

  it('refuses a key registered twice', () => {
    const r = new CommandRegistry().register(command('a', [], ['x']));
    expect(() => r.register(command('a', [], ['y']))).toThrow('command key "a" is registered twice');
  });
});
