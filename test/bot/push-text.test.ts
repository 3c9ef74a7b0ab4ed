import { stripSpokenPunctuation, wordsOf } from '../../src/bot/push-text';
import type { Push } from '../../webhooks/push';

const base = { toUserName: 'gh_3a7f9c21b04e', fromUserName: 'oLq3Vx9KfT2mWc8RbZ1nHd5YsJ0u', createTime: 1732400000, msgId: '1' };
const voice = (recognition?: string): Push => ({
  ...base, kind: 'message', msgType: 'voice', mediaId: 'm1', format: 'amr', ...(recognition === undefined ? {} : { recognition }),
});

describe('stripSpokenPunctuation', () => {
  it.each([
    ['帮助。', '帮助'],
    ['我是谁？', '我是谁'],
    ['我是谁！！', '我是谁'],
    ['Who am I?', 'Who am I'],
    ['Help.', 'Help'],
    ['help. ', 'help'],
    ['帮助……', '帮助'],
    ['help me, please', 'help me, please'], // inside the text it stays
    ['帮助 我是谁。', '帮助 我是谁'],
    ['。', ''],
  ])('%p → %p', (said, expected) => {
    expect(stripSpokenPunctuation(said)).toBe(expected);
  });
});

describe('wordsOf', () => {
  it('is a text\'s content as typed, punctuation and all', () => {
    expect(wordsOf({ ...base, kind: 'message', msgType: 'text', content: 'help.' })).toBe('help.');
  });

  it('is what a voice message said, without the recogniser\'s end punctuation', () => {
    expect(wordsOf(voice('我是谁。'))).toBe('我是谁');
  });

  it('is null for a voice message without words, and for pushes that have none', () => {
    expect(wordsOf(voice())).toBeNull();
    expect(wordsOf(voice('。'))).toBeNull();
    expect(wordsOf({ ...base, kind: 'message', msgType: 'image', picUrl: 'http://p', mediaId: 'm' })).toBeNull();
    expect(wordsOf({ ...base, kind: 'event', event: 'click', eventKey: 'help' })).toBeNull();
  });
});
