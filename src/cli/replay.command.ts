import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import axios from 'axios';
import type { Command } from 'commander';
import { MessageCipher } from '../../webhooks/message-cipher';
import { signPush } from '../../webhooks/signature';
import type { Account } from '../config/account';
import { ConfigError } from '../errors';
import { EXIT, OperationError, UsageError, type CliContext, type Finish } from './cli-context';
import { findServedAccount } from './served-accounts';

const HELP = `
Signs the push in <file.xml> with the account's token (and encrypts it in compatible and safe
mode), posts it to <base>/webhooks/<id> and prints the bot's answer (decrypted if need be).
ToUserName is set to the account's original id. An encrypted push (with <Encrypt>) is first
decrypted with the account's EncodingAESKey, so it needs a compatible or safe account. Exit code
1 when the bot answers 4xx/5xx.

Examples:
  $ npx lianluo replay test/fixtures/pushes/text.xml --account demo --fresh
  $ npm run replay -- test/fixtures/pushes/text.xml --account acme --url http://127.0.0.1:3000`;

interface ReplayOptions {
  account: string;
  url?: string;
  fresh?: boolean;
  file?: string;
}

/** Registers `replay <file.xml> --account <id>`: one signed push to a running bot. */
export function registerReplayCommand(program: Command, ctx: CliContext, finish: Finish): void {
  program
    .command('replay')
    .description('sign a push from an XML file, post it to a running bot and print its answer (回放推送)')
    .argument('<file.xml>', 'the push, e.g. a fixture under test/fixtures/pushes')
    .requiredOption('--account <id>', 'the account id (from ACCOUNTS_FILE, or "demo" when none is set)')
    .option('--url <base>', 'the running bot (default: http://127.0.0.1:$PORT, PORT default 3000)')
    .option('--fresh', 'stamp a new MsgId and CreateTime, so the bot does not take it for a retry')
    .option('--file <path>', 'the accounts file (default: $ACCOUNTS_FILE)')
    .addHelpText('after', HELP)
    .action(async (file: string, options: ReplayOptions) => finish(await replay(ctx, file, options)));
}

/** What a replay got back. */
export interface ReplayResult {
  status: number;
  body: string;
  /** The reply's plaintext, when the account encrypts. */
  decrypted?: string;
}

/**
 * Signs (and encrypts) `xml` for `account` as the platform would, and posts it to `baseUrl`.
 * @throws Error when the bot cannot be reached
 */
export async function replayPush(account: Account, xml: string, baseUrl: string, options: { fresh?: boolean; now?: () => number } = {}): Promise<ReplayResult> {
  const nowSeconds = Math.floor((options.now ?? Date.now)() / 1000);
  let push = setField(xml, 'ToUserName', account.originalId, true);
  if (options.fresh) {
    push = setField(push, 'MsgId', BigInt(`0x${randomBytes(7).toString('hex')}`).toString(), false);
    push = setField(push, 'CreateTime', String(nowSeconds), false);
  }
  const timestamp = String(nowSeconds);
  const nonce = String(randomBytes(4).readUInt32BE());
  const query: Record<string, string> = { signature: signPush(account.token, timestamp, nonce), timestamp, nonce };
  const cipher =
    account.mode !== 'plain' && account.encodingAESKey && account.appId ? new MessageCipher(account.encodingAESKey, account.appId) : undefined;
  let body = push;
  if (cipher) {
    const encrypt = cipher.encrypt(push);
    body = `<xml><ToUserName><![CDATA[${account.originalId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    Object.assign(query, { encrypt_type: 'aes', msg_signature: signPush(account.token, timestamp, nonce, encrypt) });
  }
  const res = await axios.post<string>(`${baseUrl.replace(/\/+$/, '')}/webhooks/${encodeURIComponent(account.id)}`, body, {
    params: query,
    headers: { 'content-type': 'text/xml' },
    responseType: 'text',
    transformResponse: (data: string) => data,
    validateStatus: () => true,
    timeout: 10_000,
  });
  const result: ReplayResult = { status: res.status, body: res.data };
  const encrypted = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(res.data);
  if (cipher && encrypted?.[1]) result.decrypted = cipher.decrypt(encrypted[1]);
  return result;
}

async function replay(ctx: CliContext, file: string, options: ReplayOptions): Promise<number> {
  const account = findServedAccount(ctx, options.file, options.account);
  let xml: string;
  try {
    xml = await readFile(path.resolve(ctx.cwd, file), 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`, 'give the path of an XML push, e.g. test/fixtures/pushes/text.xml');
  }
  xml = decryptedPush(xml, account, file);
  const base = options.url ?? `http://127.0.0.1:${ctx.env.PORT ?? 3000}`;
  const result = await replayPush(account, xml, base, { fresh: options.fresh }).catch((error: unknown) => {
    throw new OperationError(`cannot reach the bot at ${base}: ${(error as Error).message}`, 'start it (npm start) or pass --url <base>');
  });
  ctx.stdout.write(`HTTP ${result.status}\n${result.body}\n`);
  if (result.decrypted !== undefined) ctx.stdout.write(`\ndecrypted:\n${result.decrypted}\n`);
  return result.status >= 400 ? EXIT.failed : EXIT.ok;
}

/** The `<Encrypt>` field of an encrypted push, CDATA or bare. */
const ENCRYPT_FIELD = /<Encrypt>\s*(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*?))\s*<\/Encrypt>/;

/**
 * `xml` as a plain push: an encrypted one (as the platform sends in compatible and safe mode) is
 * decrypted with the account's EncodingAESKey and AppID, since replay signs and encrypts it anew.
 * @throws UsageError when the account is plain, or its key and AppID do not decrypt the file
 */
function decryptedPush(xml: string, account: Account, file: string): string {
  const field = ENCRYPT_FIELD.exec(xml);
  if (!field) return xml;
  const fix =
    'replay it with --account <an account in mode compatible or safe, with the EncodingAESKey and AppID it was encrypted with>, ' +
    'or replay an unencrypted push (e.g. test/fixtures/pushes/text.xml)';
  if (account.mode === 'plain' || account.encodingAESKey === undefined || account.appId === undefined) {
    throw new UsageError(
      `${file} is an encrypted push (it has <Encrypt>): it needs an account in mode compatible or safe, with its EncodingAESKey, and account "${account.id}" is in plain mode`,
      fix,
    );
  }
  try {
    return new MessageCipher(account.encodingAESKey, account.appId).decrypt((field[1] ?? field[2] ?? '').trim());
  } catch {
    throw new UsageError(`${file} is an encrypted push that account "${account.id}" (mode ${account.mode}) cannot decrypt: it was encrypted with another EncodingAESKey or AppID`, fix);
  }
}

/** Sets the text of `<Tag>` (CDATA or bare) in a push without parsing it: hostile fixtures replay as they are. */
function setField(xml: string, tag: string, value: string, cdata: boolean): string {
  const pattern = new RegExp(`<${tag}>[\\s\\S]*?</${tag}>`);
  const content = cdata ? `<![CDATA[${value}]]>` : value;
  return pattern.test(xml) ? xml.replace(pattern, `<${tag}>${content}</${tag}>`) : xml;
}
