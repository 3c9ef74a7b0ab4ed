/**
 * Published sample vectors of the platform's message encryption (WXBizMsgCrypt), run through our
 * code. Each block says where its values were published; none is made up here.
 */
import { readXmlFields, readEncryptedEnvelope, parsePush } from '../../webhooks/parse-push';
import { MessageCipher } from '../../webhooks/message-cipher';
import { renderEncryptedReply } from '../../webhooks/render-reply';
import { signaturesMatch, signPush } from '../../webhooks/signature';

/*
 * Tencent's official WXBizMsgCrypt sample for official accounts (Sample.py, "Author: jonyqin,
 * Created Time: Thu 11 Sep 2014"), as copied verbatim in charlesXu86/Chatbot_CN,
 * Chatbot_Web/impl/weixin/Sample.py: token, encodingAESKey, appid, timestamp, nonce, msg_sign
 * and from_xml (a "compatible mode" push: plain fields plus Encrypt).
 * The sample only prints the decrypted XML; the exact plaintext below is asserted by
 * ilyydy/cf-openai, src/platform/wechat/commonUtil.test.ts (`expectPlainMsg`), which also
 * publishes the plain `signature` for the same token/timestamp/nonce.
 */
describe('Tencent sample: token "spamtest", appid wx2c2769f8efd9abc2', () => {
  const token = 'spamtest';
  const encodingAESKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
  const appId = 'wx2c2769f8efd9abc2';
  const timestamp = '1409735669';
  const nonce = '1320562132';
  const msgSignature = '5d197aaffba7e9b25a30732f161a50dee96bd5fa';
  const signature = '16120ec1b8dbb870f510d87ce6bc2463eae6ca1a';
  const encrypt =
    'hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=';
  const fromXml =
    '<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName><FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName><CreateTime>1409735668</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[abcdteT]]></Content><MsgId>6054768590064713728</MsgId>' +
    `<Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
  const plainXml = `<xml><ToUserName><![CDATA[gh_10f6c3c3ac5a]]></ToUserName>
<FromUserName><![CDATA[oyORnuP8q7ou2gfYjqLzSIWZf0rs]]></FromUserName>
<CreateTime>1409735668</CreateTime>
<MsgType><![CDATA[text]]></MsgType>
<Content><![CDATA[abcdteT]]></Content>
<MsgId>6054768590064713728</MsgId>
</xml>`;

  it('verifies msg_signature over the Encrypt field of the envelope', async () => {
    const envelope = readEncryptedEnvelope(await readXmlFields(fromXml));
    expect(envelope).toEqual({ encrypt, toUserName: 'gh_10f6c3c3ac5a' });
    expect(signPush(token, timestamp, nonce, envelope.encrypt)).toBe(msgSignature);
    expect(signaturesMatch(signPush(token, timestamp, nonce, envelope.encrypt), msgSignature)).toBe(true);
  });

  it('verifies the plain signature of the same request', () => {
    expect(signaturesMatch(signPush(token, timestamp, nonce), signature)).toBe(true);
  });

  it('decrypts Encrypt to the published XML and accepts the appid', () => {
    expect(new MessageCipher(encodingAESKey, appId).decrypt(encrypt)).toBe(plainXml);
  });

  it('re-encrypts to the published ciphertext given the same random prefix', () => {
    // Not published on its own: these are the first 16 plaintext bytes of the published
    // ciphertext (read by decrypting it). Same prefix, same output proves our encrypt layout.
    const prefix = Buffer.from('89465c840c5f116f', 'latin1');
    expect(new MessageCipher(encodingAESKey, appId).encrypt(plainXml, prefix)).toBe(encrypt);
  });

  it('parses the decrypted push with its 64-bit MsgId intact', async () => {
    const push = await parsePush(new MessageCipher(encodingAESKey, appId).decrypt(encrypt));
    expect(push).toEqual({
      kind: 'message', msgType: 'text', toUserName: 'gh_10f6c3c3ac5a', fromUserName: 'oyORnuP8q7ou2gfYjqLzSIWZf0rs',
      createTime: 1409735668, content: 'abcdteT', msgId: '6054768590064713728',
    });
  });

  it('refuses the ciphertext for another appid', () => {
    expect(() => new MessageCipher(encodingAESKey, 'wx0000000000000000').decrypt(encrypt)).toThrow(/appId/);
  });
});

/*
 * wechatpy/wechatpy, tests/test_crypto.py (CryptoTestCase, written for WeChat Work, which uses
 * the same WXBizMsgCrypt scheme: the corp id takes the appId's place). test_encrypt_message
 * fixes the random prefix to "1234567890123456" and publishes the whole encrypted reply;
 * test_decrypt_message publishes an encrypted push, its signature, and asserts Content "test"
 * and FromUserName "messense".
 */
describe('wechatpy vectors: token "123456", corp id wx49f0ab532d5d035a', () => {
  const token = '123456';
  const cipher = new MessageCipher('kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR', 'wx49f0ab532d5d035a');
  const timestamp = '1411525903';
  const nonce = '461056294';

  it('encrypts and signs a reply exactly as published', async () => {
    const reply = `<xml>
<MsgType><![CDATA[text]]></MsgType>
<Content><![CDATA[test]]></Content>
<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>
<ToUserName><![CDATA[messense]]></ToUserName>
<AgentID>1</AgentID>
<CreateTime>1411525903</CreateTime>
</xml>`;
    const encrypt = cipher.encrypt(reply, Buffer.from('1234567890123456', 'latin1'));
    // Our envelope has no newlines between elements, so compare field by field.
    expect(await readXmlFields(renderEncryptedReply({ encrypt, token, timestamp, nonce }))).toEqual({
      Encrypt:
        '9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3',
      MsgSignature: '407518b7649e86ef23978113f92d27afa9296533',
      TimeStamp: timestamp,
      Nonce: nonce,
    });
  });

  it('verifies and decrypts a published push', async () => {
    const encrypt =
      'RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=';
    expect(signaturesMatch(signPush(token, timestamp, nonce, encrypt), '74d92dfeb87ba7c714f89d98870ae5eb62dff26d')).toBe(true);
    const fields = await readXmlFields(cipher.decrypt(encrypt));
    expect(fields['Content']).toBe('test');
    expect(fields['FromUserName']).toBe('messense');
  });
});
