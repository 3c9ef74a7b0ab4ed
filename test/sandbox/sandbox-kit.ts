/**
 * Helpers for the sandbox's tests: a running sandbox, a tiny webhook receiver on loopback, the
 * control API and the console over raw HTTP (fetch), and an AES-256-CBC codec written here, not
 * taken from the sandbox, so the tests check the wire format on their own.
 */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startSandbox, type RunningSandbox } from '../../sandbox/create-sandbox';
import type { Knobs } from '../../sandbox/knobs';

/** A push as the receiver saw it. */
export interface ReceivedPush {
  query: URLSearchParams;
  body: string;
}

/** What the receiver answers: a body, after an optional delay. */
export type Answer = (push: ReceivedPush, index: number) => { body: string; delayMs?: number };

/** A webhook on loopback that records every push and answers through `answer`. */
export interface Receiver {
  url: string;
  pushes: ReceivedPush[];
  answer: Answer;
  close(): Promise<void>;
}

/** Starts a webhook receiver; by default it answers `success`. */
export async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = { url: '', pushes: [], answer: () => ({ body: 'success' }), close: async () => undefined };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const push = { query: new URL(req.url ?? '/', 'http://x').searchParams, body };
      receiver.pushes.push(push);
      const answer = receiver.answer(push, receiver.pushes.length - 1);
      const timer = setTimeout(() => res.end(answer.body), answer.delayMs ?? 0);
      res.on('close', () => clearTimeout(timer));
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wx`;
  receiver.close = () => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
  };
  return receiver;
}

/** A sandbox plus a receiver, closed together. */
export interface World {
  sandbox: RunningSandbox;
  receiver: Receiver;
  close(): Promise<void>;
}

/** Starts a sandbox (with knobs) and a receiver. */
export async function startWorld(knobs: Partial<Knobs> = {}): Promise<World> {
  const sandbox = await startSandbox({ port: 0, knobs });
  const receiver = await startReceiver();
  return { sandbox, receiver, close: async () => void (await Promise.all([sandbox.close(), receiver.close()])) };
}

/** Calls the control API; answers the status and the parsed JSON (null for no body). */
export async function control<T = unknown>(sandbox: RunningSandbox, method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
  const response = await fetch(`${sandbox.url}/_sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : null) as T };
}

/** Fixed test data: an account on the receiver, in the given mode. */
export const ACCOUNT = { id: 'acme', username: 'acme@example.com', password: 'p@ss word', token: 'sandboxtoken' };
/** A fixed 43-character EncodingAESKey and its appId. */
export const AES = { encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', appId: 'wx1234567890abcdef' };

/** Creates the test account pointing at the receiver; returns its ids. */
export async function addAccount(world: World, mode: 'plain' | 'safe' | 'compatible' = 'plain'): Promise<{ id: string; originalId: string; fakeId: string }> {
  const body = { ...ACCOUNT, webhookUrl: `${world.receiver.url}/${ACCOUNT.id}`, mode, ...(mode === 'plain' ? {} : AES) };
  const { status, json } = await control<{ id: string; originalId: string; fakeId: string }>(world.sandbox, 'POST', '/accounts', body);
  if (status !== 201) throw new Error(`account not created: ${JSON.stringify(json)}`);
  return json;
}

/** Creates a person and returns their FakeID. */
export async function addPerson(world: World, nickName: string): Promise<string> {
  const { json } = await control<{ fakeId: string }>(world.sandbox, 'POST', '/people', { nickName });
  return json.fakeId;
}

/** The expected `signature` (sorted, joined, SHA-1), computed here. */
export function expectedSignature(...parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

function aesKey(): { key: Buffer; iv: Buffer } {
  const key = Buffer.from(`${AES.encodingAESKey}=`, 'base64');
  return { key, iv: key.subarray(0, 16) };
}

/** Decrypts an `Encrypt` field: returns the XML and the trailing appId. */
export function decrypt(encrypted: string): { xml: string; appId: string; paddedLength: number } {
  const { key, iv } = aesKey();
  const decipher = createDecipheriv('aes-256-cbc', key, iv);
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
  const plain = padded.subarray(0, padded.length - padded[padded.length - 1]!);
  const length = plain.readUInt32BE(16);
  return { xml: plain.subarray(20, 20 + length).toString('utf8'), appId: plain.subarray(20 + length).toString('utf8'), paddedLength: padded.length };
}

/** Encrypts a reply the way a bot must (32-byte PKCS#7 blocks), fixed random prefix. */
export function encrypt(xml: string): string {
  const { key, iv } = aesKey();
  const body = Buffer.from(xml, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const plain = Buffer.concat([Buffer.alloc(16, 7), length, body, Buffer.from(AES.appId)]);
  const pad = 32 - (plain.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

/** The text of one XML element (CDATA or bare) in a push; '' when missing. */
export function field(xml: string, name: string): string {
  const match = new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(xml);
  return match ? (match[1] ?? match[2] ?? '') : '';
}
