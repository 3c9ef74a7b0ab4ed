/**
 * The AES layer of encrypted ("safe") mode, docs/protocol.md §2.5.
 *
 * Plaintext layout: 16 random bytes, the XML's byte length as a 4-byte big-endian integer, the
 * XML (UTF-8), then the account's appId. It is PKCS#7-padded to 32-byte blocks (not AES's 16)
 * and encrypted with AES-256-CBC, the IV being the first 16 bytes of the key.
 *
 * CBC carries no MAC: the padding, length and appId checks below reject most tampering, but the
 * integrity check that counts is `msg_signature` (signature.ts). Callers must verify it before
 * calling `decrypt`: the distinct errors below would otherwise be a padding oracle.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** Raised for a bad key or a ciphertext that does not decrypt cleanly. Messages never contain key material. */
export class CipherError extends Error {
  override readonly name = 'CipherError';
}

const ALGORITHM = 'aes-256-cbc';
const PAD_BLOCK = 32;
const RANDOM_BYTES = 16;
const LENGTH_BYTES = 4;
const ENCODING_AES_KEY = /^[A-Za-z0-9+/]{43}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Encrypts and decrypts the `Encrypt` field of pushes and replies for one account. */
export class MessageCipher {
  private readonly key: Buffer;
  private readonly iv: Buffer;
  private readonly appId: string;

  /**
   * @param encodingAESKey the account's 43-character EncodingAESKey
   * @param appId the account's appId, appended to every plaintext and checked on decryption
   * @throws CipherError when the key is not 43 base64 characters or the appId is empty
   */
  constructor(encodingAESKey: string, appId: string) {
    if (!ENCODING_AES_KEY.test(encodingAESKey)) {
      throw new CipherError(
        'encodingAESKey must be the 43-character EncodingAESKey from the platform\'s settings page (letters and digits)',
      );
    }
    if (appId.length === 0) throw new CipherError('appId must not be empty');
    // 43 base64 characters plus "=" are 264 bits, of which the first 256 are the key.
    this.key = Buffer.from(`${encodingAESKey}=`, 'base64');
    this.iv = this.key.subarray(0, 16);
    this.appId = appId;
  }

  /**
   * Encrypts an XML document for the `Encrypt` element of a reply.
   *
   * @param random16 the 16 leading random bytes; fresh ones by default, fixed ones in tests
   * @returns the ciphertext as base64
   * @throws CipherError when `random16` is not 16 bytes long
   */
  encrypt(xml: string, random16: Buffer = randomBytes(RANDOM_BYTES)): string {
    if (random16.length !== RANDOM_BYTES) throw new CipherError('the random prefix must be 16 bytes');
    const body = Buffer.from(xml, 'utf8');
    const length = Buffer.alloc(LENGTH_BYTES);
    length.writeUInt32BE(body.length, 0);
    const plain = pad(Buffer.concat([random16, length, body, Buffer.from(this.appId, 'utf8')]));
    const cipher = createCipheriv(ALGORITHM, this.key, this.iv);
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
  }

  /**
   * Decrypts the `Encrypt` field of a push and returns the XML inside.
   *
   * @throws CipherError when the input is not base64, the padding or the length prefix is
   *   wrong, the XML is not UTF-8, or the trailing appId is not this account's
   */
  decrypt(encrypted: string): string {
    if (!BASE64.test(encrypted)) throw new CipherError('ciphertext is not base64');
    const data = Buffer.from(encrypted, 'base64');
    if (data.length === 0 || data.length % 16 !== 0) throw new CipherError('ciphertext length is not a multiple of the AES block');
    const decipher = createDecipheriv(ALGORITHM, this.key, this.iv);
    decipher.setAutoPadding(false);
    const content = unpad(Buffer.concat([decipher.update(data), decipher.final()]));
    if (content.length < RANDOM_BYTES + LENGTH_BYTES) throw new CipherError('plaintext is too short');
    const xmlLength = content.readUInt32BE(RANDOM_BYTES);
    const xmlStart = RANDOM_BYTES + LENGTH_BYTES;
    const xmlEnd = xmlStart + xmlLength;
    if (xmlEnd > content.length) throw new CipherError('plaintext length prefix is out of range');
    const appId = content.subarray(xmlEnd);
    // appIds are not secret, but comparing bytes avoids decoding whatever garbage sits there.
    if (!appId.equals(Buffer.from(this.appId, 'utf8'))) throw new CipherError('appId does not match this account');
    try {
      return utf8.decode(content.subarray(xmlStart, xmlEnd));
    } catch {
      throw new CipherError('plaintext is not UTF-8');
    }
  }
}

/** PKCS#7 to 32-byte blocks: always 1 to 32 bytes, each holding the pad length. */
function pad(plain: Buffer): Buffer {
  const count = PAD_BLOCK - (plain.length % PAD_BLOCK);
  return Buffer.concat([plain, Buffer.alloc(count, count)]);
}

function unpad(padded: Buffer): Buffer {
  const count = padded[padded.length - 1] ?? 0;
  if (count < 1 || count > PAD_BLOCK || count > padded.length) throw new CipherError('bad padding');
  for (let i = padded.length - count; i < padded.length; i += 1) {
    if (padded[i] !== count) throw new CipherError('bad padding');
  }
  return padded.subarray(0, padded.length - count);
}
