import type { Push } from '../../webhooks/push';
import { parsePush, PushFormatError, readEncryptedEnvelope, readXmlFields, toPush } from '../../webhooks/parse-push';
import { OPEN_ID, ORIGINAL_ID, readPushFixture } from './push-fixtures';

/** The error `run` throws, so tests can check its class and message together. */
function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

const from = { toUserName: ORIGINAL_ID, fromUserName: OPEN_ID };
const TICKET = 'gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2FCY0RlRmdI';

/** Every good fixture in test/fixtures/pushes and the push it must become. */
const GOOD: Array<[string, Push]> = [
  ['text', { ...from, createTime: 1385012345, kind: 'message', msgType: 'text', msgId: '6198340021957640193', content: '你好 Lianluo, 帮助' }],
  ['image', {
    ...from, createTime: 1385012346, kind: 'message', msgType: 'image', msgId: '6198340021957640194',
    picUrl: 'http://mmbiz.example.com/pic/a1b2c3d4e5f6', mediaId: 'mEdIa_iMaGe_0001_abcdefghijklmnopqrstuvwxyz012345',
  }],
  ['voice', {
    ...from, createTime: 1385012347, kind: 'message', msgType: 'voice', msgId: '6198340021957640195',
    mediaId: 'mEdIa_vOiCe_0002_abcdefghijklmnopqrstuvwxyz012345', format: 'amr',
  }],
  ['voice-recognition', {
    ...from, createTime: 1385012348, kind: 'message', msgType: 'voice', msgId: '6198340021957640196',
    mediaId: 'mEdIa_vOiCe_0003_abcdefghijklmnopqrstuvwxyz012345', format: 'amr', recognition: '明天下午三点见',
  }],
  ['video', {
    ...from, createTime: 1385012349, kind: 'message', msgType: 'video', msgId: '6198340021957640197',
    mediaId: 'mEdIa_vIdEo_0004_abcdefghijklmnopqrstuvwxyz012345', thumbMediaId: 'tHuMb_0004_abcdefghijklmnopqrstuvwxyz0123456789',
  }],
  ['shortvideo', {
    ...from, createTime: 1385012350, kind: 'message', msgType: 'shortvideo', msgId: '6198340021957640198',
    mediaId: 'mEdIa_sHoRt_0005_abcdefghijklmnopqrstuvwxyz012345', thumbMediaId: 'tHuMb_0005_abcdefghijklmnopqrstuvwxyz0123456789',
  }],
  ['location', {
    ...from, createTime: 1385012351, kind: 'message', msgType: 'location', msgId: '6198340021957640199',
    latitude: 23.134521, longitude: 113.358803, scale: 20, label: '广州市天河区天河路',
  }],
  ['link', {
    ...from, createTime: 1385012352, kind: 'message', msgType: 'link', msgId: '6198340021957640200',
    title: 'Meeting notes', description: 'Notes from Tuesday & a <b>bold</b> plan', url: 'http://example.com/notes?id=42&lang=zh_CN',
  }],
  ['unknown-type', {
    ...from, createTime: 1385012353, kind: 'message', msgType: 'unknown', rawType: 'miniprogrampage', msgId: '6198340021957640201',
    fields: {
      ToUserName: ORIGINAL_ID, FromUserName: OPEN_ID, CreateTime: '1385012353', MsgType: 'miniprogrampage',
      Title: 'A card', AppId: 'wx0123456789abcdef', PagePath: 'pages/index/index', MsgId: '6198340021957640201',
    },
  }],
  ['event-subscribe', { ...from, createTime: 1385012400, kind: 'event', event: 'subscribe', eventKey: '' }],
  ['event-subscribe-qrscene', {
    ...from, createTime: 1385012401, kind: 'event', event: 'subscribe', eventKey: 'qrscene_circle-42', ticket: TICKET, scene: 'circle-42',
  }],
  ['event-unsubscribe', { ...from, createTime: 1385012402, kind: 'event', event: 'unsubscribe', eventKey: '' }],
  ['event-scan', { ...from, createTime: 1385012403, kind: 'event', event: 'scan', eventKey: 'circle-42', ticket: TICKET, scene: 'circle-42' }],
  ['event-location', {
    ...from, createTime: 1385012404, kind: 'event', event: 'location', eventKey: '',
    latitude: 23.137466, longitude: 113.352425, precision: 119.38504,
  }],
  ['event-click', { ...from, createTime: 1385012405, kind: 'event', event: 'click', eventKey: 'MENU_MY_PROFILE' }],
  ['event-view', { ...from, createTime: 1385012406, kind: 'event', event: 'view', eventKey: 'http://example.com/circles?from=menu' }],
  ['event-unknown', {
    ...from, createTime: 1385012407, kind: 'event', event: 'unknown', rawEvent: 'scancode_push', eventKey: 'MENU_SCAN',
    fields: {
      ToUserName: ORIGINAL_ID, FromUserName: OPEN_ID, CreateTime: '1385012407', MsgType: 'event', Event: 'scancode_push',
      EventKey: 'MENU_SCAN', 'ScanCodeInfo.ScanType': 'qrcode', 'ScanCodeInfo.ScanResult': 'http://example.com/c/42',
    },
  }],
];

const BAD: Array<[string, string]> = [
  ['bad-malformed', 'malformed XML'],
  ['bad-entity-bomb', 'DOCTYPE and entity declarations are not allowed'],
  ['bad-missing-from', 'missing field FromUserName'],
  ['bad-text-missing-msgid', 'missing field MsgId'],
  ['bad-create-time', 'CreateTime must be a number'],
];

describe('parsePush over the fixtures', () => {
  it.each(GOOD)('%s', async (name, expected) => {
    expect(await parsePush(readPushFixture(name))).toStrictEqual(expected);
  });

  it.each(BAD)('%s is refused with "%s"', async (name, reason) => {
    await expect(parsePush(readPushFixture(name))).rejects.toStrictEqual(new PushFormatError(reason));
  });

  it('keeps a MsgId above 2^53 exactly as sent', async () => {
    const push = await parsePush(readPushFixture('text'));
    expect(push.kind === 'message' && push.msgId).toBe('6198340021957640193');
    // Why it must stay a string: as a JS number it would be another id.
    expect(String(Number('6198340021957640193'))).not.toBe('6198340021957640193');
  });
});

describe('readXmlFields', () => {
  it('turns CDATA and bare numbers alike into strings', async () => {
    expect(await readXmlFields('<xml><A><![CDATA[12]]></A><B>12</B><C><![CDATA[]]></C><D/></xml>'))
      .toEqual({ A: '12', B: '12', C: '', D: '' });
  });

  it('reads CDATA split around "]]>" and escaped entities back to the text', async () => {
    expect(await readXmlFields('<xml><A><![CDATA[a]]]]><![CDATA[>b]]></A><B>1 &amp; 2 &lt;3</B></xml>'))
      .toEqual({ A: 'a]]>b', B: '1 & 2 <3' });
  });

  it('accepts "<!DOCTYPE" typed by a follower inside CDATA', async () => {
    expect(await readXmlFields('<xml><Content><![CDATA[<!DOCTYPE html><!ENTITY x>]]></Content></xml>'))
      .toEqual({ Content: '<!DOCTYPE html><!ENTITY x>' });
  });

  it.each([
    ['a DOCTYPE without entities', '<!DOCTYPE xml><xml><A>1</A></xml>', 'DOCTYPE and entity declarations are not allowed'],
    ['a lower-case doctype', '<!doctype xml><xml><A>1</A></xml>', 'DOCTYPE and entity declarations are not allowed'],
    ['a DOCTYPE hidden behind a comment that mentions CDATA', '<!-- <![CDATA[ --><!DOCTYPE x><!-- ]]> --><xml/>', 'DOCTYPE and entity declarations are not allowed'],
    ['an empty body', '', 'malformed XML'],
    ['plain text', 'hello', 'malformed XML'],
    ['an undeclared entity', '<xml><A>&lol;</A></xml>', 'malformed XML'],
    ['another root element', '<message><A>1</A></message>', 'root element must be <xml>'],
    ['a repeated field', '<xml><Content>a</Content><Content>b</Content></xml>', 'duplicate field Content'],
  ])('refuses %s', async (_label, xml, reason) => {
    await expect(readXmlFields(xml)).rejects.toStrictEqual(new PushFormatError(reason));
  });

  it('flattens nested and repeated nested elements with dotted names', async () => {
    expect(await readXmlFields('<xml><P><Count>2</Count><L><item><M>a</M></item><item><M>b</M></item></L></P></xml>'))
      .toEqual({ 'P.Count': '2', 'P.L.item.0.M': 'a', 'P.L.item.1.M': 'b' });
  });

  it('returns no fields for an empty <xml/>', async () => {
    expect(await readXmlFields('<xml/>')).toEqual({});
  });
});

describe('toPush', () => {
  const base = { ToUserName: ORIGINAL_ID, FromUserName: OPEN_ID, CreateTime: '1385012345' };

  it.each([
    ['ToUserName', { FromUserName: OPEN_ID, CreateTime: '1', MsgType: 'text' }, 'missing field ToUserName'],
    ['an empty FromUserName', { ...base, FromUserName: '', MsgType: 'text' }, 'missing field FromUserName'],
    ['MsgType', { ...base }, 'missing field MsgType'],
    ['Event on an event', { ...base, MsgType: 'event' }, 'missing field Event'],
    ['Content on a text', { ...base, MsgType: 'text', MsgId: '1' }, 'missing field Content'],
    ['EventKey on SCAN', { ...base, MsgType: 'event', Event: 'SCAN' }, 'missing field EventKey'],
    ['Location_X on a location', { ...base, MsgType: 'location', MsgId: '1', Location_Y: '1', Scale: '1', Label: '' }, 'missing field Location_X'],
  ])('names the missing field (%s)', (_label, fields, reason) => {
    expect(thrownBy(() => toPush(fields))).toStrictEqual(new PushFormatError(reason));
  });

  it.each([
    ['CreateTime in milliseconds with a fraction', { ...base, CreateTime: '1385012345.5', MsgType: 'text' }, 'CreateTime must be a number'],
    ['a negative CreateTime', { ...base, CreateTime: '-1', MsgType: 'text' }, 'CreateTime must be a number'],
    ['a Latitude that is text', { ...base, MsgType: 'event', Event: 'LOCATION', Latitude: 'north', Longitude: '1', Precision: '1' }, 'Latitude must be a number'],
  ])('refuses %s', (_label, fields, reason) => {
    expect(thrownBy(() => toPush(fields))).toStrictEqual(new PushFormatError(reason));
  });

  it('normalises event names of any case and treats an empty Ticket as absent', () => {
    expect(toPush({ ...base, MsgType: 'event', Event: 'Subscribe', EventKey: 'qrscene_7', Ticket: '' })).toStrictEqual({
      toUserName: ORIGINAL_ID, fromUserName: OPEN_ID, createTime: 1385012345, kind: 'event', event: 'subscribe', eventKey: 'qrscene_7', scene: '7',
    });
  });

  it('gives a plain subscribe without EventKey no scene', () => {
    expect(toPush({ ...base, MsgType: 'event', Event: 'subscribe' })).toStrictEqual({
      toUserName: ORIGINAL_ID, fromUserName: OPEN_ID, createTime: 1385012345, kind: 'event', event: 'subscribe', eventKey: '',
    });
  });

  it('keeps an unknown message without MsgId, and does not mistake prototype names for types', () => {
    const push = toPush({ ...base, MsgType: 'constructor' });
    expect(push).toMatchObject({ kind: 'message', msgType: 'unknown', rawType: 'constructor' });
    expect(push).not.toHaveProperty('msgId');
  });
});

describe('readEncryptedEnvelope', () => {
  it('returns Encrypt and ToUserName', () => {
    expect(readEncryptedEnvelope({ ToUserName: ORIGINAL_ID, Encrypt: 'abc=' })).toEqual({ encrypt: 'abc=', toUserName: ORIGINAL_ID });
  });

  it('works without ToUserName', () => {
    expect(readEncryptedEnvelope({ Encrypt: 'abc=' })).toStrictEqual({ encrypt: 'abc=' });
  });

  it.each([[{ ToUserName: ORIGINAL_ID }], [{ Encrypt: '' }]])('refuses %p', (fields) => {
    expect(thrownBy(() => readEncryptedEnvelope(fields))).toStrictEqual(new PushFormatError('missing field Encrypt'));
  });
});
