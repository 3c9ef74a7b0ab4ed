import { parseStringPromise } from 'xml2js';
import type { Article, Reply } from '../../webhooks/reply';
import { renderEncryptedReply, renderReply } from '../../webhooks/render-reply';
import { OPEN_ID, ORIGINAL_ID } from './push-fixtures';

// 2013-11-21T04:25:45.678Z is unix second 1385007945: the milliseconds must be dropped.
const NOW = new Date('2013-11-21T04:25:45.678Z');
const TO_MESSAGE = { openId: OPEN_ID, originalId: ORIGINAL_ID, answersEvent: false };
const TO_EVENT = { ...TO_MESSAGE, answersEvent: true };
const ENVELOPE =
  `<ToUserName><![CDATA[${OPEN_ID}]]></ToUserName><FromUserName><![CDATA[${ORIGINAL_ID}]]></FromUserName>` +
  '<CreateTime>1385007945</CreateTime>';

/** Parses with xml2js without trimming, so the round trip is exact. */
async function parse(xml: string): Promise<Record<string, unknown>> {
  const parsed = (await parseStringPromise(xml, { explicitArray: false, trim: false })) as { xml: Record<string, unknown> };
  return parsed.xml;
}

function text(content: string): Reply {
  return { type: 'text', content };
}

describe('renderReply', () => {
  it('renders a text reply addressed back to the follower, CreateTime in seconds', () => {
    expect(renderReply(text('hello'), TO_MESSAGE, NOW)).toBe(
      `<xml>${ENVELOPE}<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[hello]]></Content></xml>`,
    );
  });

  it('floors CreateTime rather than rounding it', async () => {
    const fields = await parse(renderReply(text('x'), TO_MESSAGE, new Date(1385007945999)));
    expect(fields['CreateTime']).toBe('1385007945');
  });

  it.each([
    ['"]]>" in the middle', 'a]]>b'],
    ['only "]]>"', ']]>'],
    ['"]]>" twice in a row', 'x]]>]]>y'],
    ['brackets before "]]>"', ']]]]>>'],
    ['a trailing "]]"', 'a]]'],
    ['Chinese and emoji', '你好，联络！今晚 8 点见 🎉'],
    ['markup and entities', '<b>&amp; "quoted" \'single\'</b>'],
    ['leading and trailing spaces and newlines', '  two\nlines\t '],
  ])('keeps %s intact through an XML parser', async (_label, content) => {
    const fields = await parse(renderReply(text(content), TO_MESSAGE, NOW));
    expect(fields['Content']).toBe(content);
  });

  it('removes characters XML 1.0 forbids, so the reply still parses', async () => {
    const content = 'a\u0000b\u0007c\u001Fd\u000Be\u000Cf\uFFFEg\uFFFFh\uD800i\uDC00j';
    const fields = await parse(renderReply(text(content), TO_MESSAGE, NOW));
    expect(fields['Content']).toBe('abcdefghij');
  });

  it('sanitises the envelope strings too', async () => {
    const fields = await parse(renderReply(text('x'), { ...TO_MESSAGE, openId: `${OPEN_ID}\u0001]]>` }, NOW));
    expect(fields['ToUserName']).toBe(`${OPEN_ID}]]>`);
  });

  it.each<[string, Reply, string]>([
    ['image', { type: 'image', mediaId: 'm1' }, '<MsgType><![CDATA[image]]></MsgType><Image><MediaId><![CDATA[m1]]></MediaId></Image>'],
    ['voice', { type: 'voice', mediaId: 'm2' }, '<MsgType><![CDATA[voice]]></MsgType><Voice><MediaId><![CDATA[m2]]></MediaId></Voice>'],
    ['video without title', { type: 'video', mediaId: 'm3' }, '<MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[m3]]></MediaId></Video>'],
    [
      'video with title and description',
      { type: 'video', mediaId: 'm3', title: 'T', description: 'D' },
      '<MsgType><![CDATA[video]]></MsgType><Video><MediaId><![CDATA[m3]]></MediaId><Title><![CDATA[T]]></Title><Description><![CDATA[D]]></Description></Video>',
    ],
    [
      'music',
      { type: 'music', title: '歌', musicUrl: 'http://example.com/a.mp3', hqMusicUrl: 'http://example.com/a-hq.mp3', thumbMediaId: 't1' },
      '<MsgType><![CDATA[music]]></MsgType><Music><Title><![CDATA[歌]]></Title><MusicUrl><![CDATA[http://example.com/a.mp3]]></MusicUrl>' +
        '<HQMusicUrl><![CDATA[http://example.com/a-hq.mp3]]></HQMusicUrl><ThumbMediaId><![CDATA[t1]]></ThumbMediaId></Music>',
    ],
  ])('renders %s', (_label, reply, body) => {
    expect(renderReply(reply, TO_MESSAGE, NOW)).toBe(`<xml>${ENVELOPE}${body}</xml>`);
  });

  describe('news', () => {
    const articles: Article[] = Array.from({ length: 10 }, (_, i) => ({
      title: `第${i + 1}篇`, description: `d${i + 1}`, picUrl: `http://example.com/${i + 1}.jpg`, url: `http://example.com/${i + 1}`,
    }));

    it('renders ArticleCount and Articles/item with Title, Description, PicUrl, Url', () => {
      expect(renderReply({ type: 'news', articles: [{ title: 'Only' }] }, TO_MESSAGE, NOW)).toBe(
        `<xml>${ENVELOPE}<MsgType><![CDATA[news]]></MsgType><ArticleCount>1</ArticleCount><Articles><item>` +
          '<Title><![CDATA[Only]]></Title><Description><![CDATA[]]></Description><PicUrl><![CDATA[]]></PicUrl><Url><![CDATA[]]></Url>' +
          '</item></Articles></xml>',
      );
    });

    it('keeps only the first article when answering a message', async () => {
      const fields = await parse(renderReply({ type: 'news', articles }, TO_MESSAGE, NOW));
      expect(fields['ArticleCount']).toBe('1');
      expect(fields['Articles']).toEqual({ item: { Title: '第1篇', Description: 'd1', PicUrl: 'http://example.com/1.jpg', Url: 'http://example.com/1' } });
    });

    it('keeps the first 8 articles when answering an event', async () => {
      const fields = await parse(renderReply({ type: 'news', articles }, TO_EVENT, NOW));
      expect(fields['ArticleCount']).toBe('8');
      const items = (fields['Articles'] as { item: Array<{ Title: string }> }).item;
      expect(items.map((item) => item.Title)).toEqual(articles.slice(0, 8).map((article) => article.title));
    });

    it('refuses a news reply without articles', () => {
      expect(() => renderReply({ type: 'news', articles: [] }, TO_EVENT, NOW)).toThrow(RangeError);
    });
  });

  it('refuses an invalid date', () => {
    expect(() => renderReply(text('x'), TO_MESSAGE, new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('renderEncryptedReply', () => {
  // MsgSignature computed at authoring time with python3 hashlib over the sorted four parts
  // (the same value signature.test.ts checks).
  it('wraps Encrypt with its signature, timestamp and nonce', () => {
    expect(renderEncryptedReply({ encrypt: 'abc+/=', token: 'lianluo-test-token', timestamp: '1385012345', nonce: '271828182' })).toBe(
      '<xml><Encrypt><![CDATA[abc+/=]]></Encrypt><MsgSignature><![CDATA[28b38718d84a99156f91cbe3451caa2d96d85c74]]></MsgSignature>' +
        '<TimeStamp>1385012345</TimeStamp><Nonce><![CDATA[271828182]]></Nonce></xml>',
    );
  });

  it('refuses a timestamp that is not unix seconds', () => {
    expect(() => renderEncryptedReply({ encrypt: 'abc=', token: 't', timestamp: '1385012345<x/>', nonce: 'n' })).toThrow(RangeError);
  });
});
