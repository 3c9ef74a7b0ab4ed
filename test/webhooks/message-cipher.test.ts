import { CipherError, MessageCipher } from '../../webhooks/message-cipher';
import { readEncryptedEnvelope, readXmlFields } from '../../webhooks/parse-push';
import { readPushFixture } from './push-fixtures';

// Made-up account settings. encrypted-text.xml was produced from text.xml with these values by
// the openssl CLI (`openssl enc -aes-256-cbc -nopad`, padding and layout built by hand), not by
// this code, so matching it byte for byte checks our encrypt against an independent one.
const KEY = 'LianluoTestEncodingAesKey0123456789abcdefgh';
const APP_ID = 'wx3f9a0c2b7d1e4f68';
const RANDOM = Buffer.from('0123456789abcdef', 'latin1');

const cipher = new MessageCipher(KEY, APP_ID);
const textXml = readPushFixture('text').trimEnd();

async function fixtureEncrypt(): Promise<string> {
  return readEncryptedEnvelope(await readXmlFields(readPushFixture('encrypted-text'))).encrypt;
}

/** Flips one bit of the decoded ciphertext at `index` and re-encodes it. */
function tamper(encrypted: string, index: number): string {
  const bytes = Buffer.from(encrypted, 'base64');
  bytes[index] = (bytes[index] ?? 0) ^ 0x01;
  return bytes.toString('base64');
}

describe('MessageCipher', () => {
  it('encrypts exactly like the independent openssl fixture', async () => {
    expect(cipher.encrypt(textXml, RANDOM)).toBe(await fixtureEncrypt());
  });

  it('decrypts the fixture back to the push XML', async () => {
    expect(cipher.decrypt(await fixtureEncrypt())).toBe(textXml);
  });

  it('round-trips Chinese text, markup and an empty document', () => {
    for (const xml of ['<xml><Content><![CDATA[你好，世界 🌏]]></Content></xml>', '']) {
      expect(cipher.decrypt(cipher.encrypt(xml, RANDOM))).toBe(xml);
    }
  });

  it('uses fresh random bytes by default, so equal XML encrypts differently but decrypts the same', () => {
    const first = cipher.encrypt(textXml);
    const second = cipher.encrypt(textXml);
    expect(first).not.toBe(second);
    expect(cipher.decrypt(first)).toBe(textXml);
    expect(cipher.decrypt(second)).toBe(textXml);
  });

  it('pads to 32-byte blocks, adding a whole block when the plaintext already fills one', () => {
    // 16 random + 4 length + xml + 18 appId bytes: xml of 26 bytes makes exactly 64.
    for (const size of [0, 1, 25, 26, 27, 58]) {
      const decoded = Buffer.from(cipher.encrypt('x'.repeat(size), RANDOM), 'base64');
      const unpadded = 16 + 4 + size + APP_ID.length;
      expect(decoded.length % 32).toBe(0);
      expect(decoded.length - unpadded).toBeGreaterThanOrEqual(1);
      expect(decoded.length - unpadded).toBeLessThanOrEqual(32);
    }
  });

  describe('rejects', () => {
    const encrypted = cipher.encrypt(textXml, RANDOM);
    const size = Buffer.from(encrypted, 'base64').length;

    it.each([
      ['a flipped bit in the last block (padding)', size - 1],
      ['a flipped bit in the first block (length prefix)', 0],
      ['a flipped bit just before the last block (appId)', size - 17],
    ])('%s', (_label, index) => {
      expect(() => cipher.decrypt(tamper(encrypted, index))).toThrow(CipherError);
    });

    it('a ciphertext for another appId', () => {
      const other = new MessageCipher(KEY, 'wx0000000000000000');
      expect(() => other.decrypt(encrypted)).toThrow(new CipherError('appId does not match this account'));
    });

    it('a ciphertext made with another key', () => {
      const other = new MessageCipher('A'.repeat(43), APP_ID);
      expect(() => other.decrypt(encrypted)).toThrow(CipherError);
    });

    it.each([
      ['not base64', 'not base64!'],
      ['empty', ''],
      ['not a whole AES block', Buffer.alloc(20).toString('base64')],
    ])('a ciphertext that is %s', (_label, input) => {
      expect(() => cipher.decrypt(input)).toThrow(CipherError);
    });

    it('a random prefix that is not 16 bytes', () => {
      expect(() => cipher.encrypt(textXml, Buffer.alloc(15))).toThrow(new CipherError('the random prefix must be 16 bytes'));
    });
  });

  describe('constructor', () => {
    it.each([
      ['42 characters', KEY.slice(0, 42)],
      ['44 characters', `${KEY}=`],
      ['a character outside base64', `${KEY.slice(0, 42)}-`],
      ['empty', ''],
    ])('refuses a key of %s, with a hint and without echoing the key', (_label, key) => {
      let error: unknown;
      try {
        new MessageCipher(key, APP_ID);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(CipherError);
      const { message } = error as CipherError;
      expect(message).toMatch(/43-character EncodingAESKey from the platform's settings page/);
      if (key.length > 0) expect(message).not.toContain(key.slice(0, 20));
    });

    it('refuses an empty appId', () => {
      expect(() => new MessageCipher(KEY, '')).toThrow(CipherError);
    });
  });

  it('never puts key material in a decryption error', () => {
    const messages: string[] = [];
    for (const index of [0, 5, 40]) {
      try {
        new MessageCipher(KEY, 'wx0000000000000000').decrypt(tamper(cipher.encrypt(textXml, RANDOM), index));
      } catch (error) {
        messages.push((error as Error).message);
      }
    }
    expect(messages).toHaveLength(3);
    for (const message of messages) {
      expect(message).not.toContain(KEY.slice(0, 10));
      expect(message).not.toMatch(/[0-9a-f]{32}/);
    }
  });
});
