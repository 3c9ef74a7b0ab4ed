/**
 * The platform's side of encrypted ("safe") mode, docs/protocol.md §2.5: AES-256-CBC with the key
 * base64(encodingAESKey + "="), IV = the key's first 16 bytes, PKCS#7 padding to 32-byte blocks,
 * plaintext = 16 random bytes + 4-byte big-endian XML length + XML + appId.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const BLOCK = 32;

function keyOf(encodingAESKey: string): { key: Buffer; iv: Buffer } {
  const key = Buffer.from(`${encodingAESKey}=`, 'base64');
  if (key.length !== 32) throw new Error('encodingAESKey must be 43 base64 characters');
  return { key, iv: key.subarray(0, 16) };
}

/** Encrypts an XML document for the `Encrypt` field; the 16 leading bytes are random (not asserted). */
export function encryptXml(xml: string, encodingAESKey: string, appId: string): string {
  const { key, iv } = keyOf(encodingAESKey);
  const body = Buffer.from(xml, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const plain = Buffer.concat([randomBytes(16), length, body, Buffer.from(appId, 'utf8')]);
  const padCount = BLOCK - (plain.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(padCount, padCount)])), cipher.final()]).toString('base64');
}

/**
 * Decrypts an `Encrypt` field (a reply of the bot) and returns the XML inside.
 *
 * @throws Error when the padding, the length or the trailing appId is wrong
 */
export function decryptXml(encrypted: string, encodingAESKey: string, appId: string): string {
  const { key, iv } = keyOf(encodingAESKey);
  const data = Buffer.from(encrypted, 'base64');
  if (data.length === 0 || data.length % 16 !== 0) throw new Error('ciphertext length is not a multiple of 16');
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(data), decipher.final()]);
  const padCount = padded[padded.length - 1] ?? 0;
  if (padCount < 1 || padCount > BLOCK || padded.subarray(padded.length - padCount).some((b) => b !== padCount)) {
    throw new Error('bad PKCS#7 padding (blocks of 32)');
  }
  const plain = padded.subarray(0, padded.length - padCount);
  const xmlLength = plain.readUInt32BE(16);
  const xmlEnd = 20 + xmlLength;
  if (xmlEnd > plain.length) throw new Error('length prefix out of range');
  const trailer = plain.subarray(xmlEnd).toString('utf8');
  if (trailer !== appId) throw new Error(`appId is ${JSON.stringify(trailer)}, expected ${JSON.stringify(appId)}`);
  return plain.subarray(20, xmlEnd).toString('utf8');
}
