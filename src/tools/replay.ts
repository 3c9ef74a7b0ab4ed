import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import axios from 'axios';
import { MessageCipher } from '../../webhooks/message-cipher';
import { signPush } from '../../webhooks/signature';
import type { Account } from '../config/account';
import { DEMO_ACCOUNT, loadAccountsFile } from '../config/accounts-file';
import { readEnvConfig } from '../config/env-config';
import { ConfigError } from '../errors';

const USAGE = `Usage: npm run replay -- <file.xml> --account <id> [--url <base>] [--fresh]

Signs the push in <file.xml> with the account's token (and encrypts it in compatible and safe
mode), posts it to <base>/webhooks/<id> and prints the bot's answer (decrypted if need be).
  --account  the account id (from ACCOUNTS_FILE, or "demo" when none is set)
  --url      the running bot (default http://127.0.0.1:$PORT, PORT default 3000)
  --fresh    stamp a new MsgId and CreateTime, so the bot does not take it for a retry
ToUserName is set to the account's original id.`;

/** Sets the text of `<Tag>` (CDATA or bare) in a push without parsing it: hostile fixtures replay as they are. */
function setField(xml: string, tag: string, value: string, cdata: boolean): string {
  const pattern = new RegExp(`<${tag}>[\\s\\S]*?</${tag}>`);
  const content = cdata ? `<![CDATA[${value}]]>` : value;
  return pattern.test(xml) ? xml.replace(pattern, `<${tag}>${content}</${tag}>`) : xml;
}

function findAccount(id: string): Account {
  const config = readEnvConfig();
  const accounts = config.accountsFile ? loadAccountsFile(config.accountsFile) : [DEMO_ACCOUNT];
  const account = accounts.find((a) => a.id === id);
  if (!account) throw new ConfigError(`no account "${id}"`, `use one of: ${accounts.map((a) => a.id).join(', ')}`);
  return account;
}

async function replay(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { account: { type: 'string' }, url: { type: 'string' }, fresh: { type: 'boolean' }, help: { type: 'boolean' } },
  });
  const file = positionals[0];
  if (values.help || !file || !values.account) {
    process.stdout.write(`${USAGE}\n`);
    process.exitCode = values.help ? 0 : 64;
    return;
  }
  const account = findAccount(values.account);
  let xml = setField(readFileSync(file, 'utf8'), 'ToUserName', account.originalId, true);
  if (values.fresh) {
    xml = setField(xml, 'MsgId', BigInt(`0x${randomBytes(7).toString('hex')}`).toString(), false);
    xml = setField(xml, 'CreateTime', String(Math.floor(Date.now() / 1000)), false);
  }
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(randomBytes(4).readUInt32BE());
  const query: Record<string, string> = { signature: signPush(account.token, timestamp, nonce), timestamp, nonce };
  const cipher = account.mode !== 'plain' && account.encodingAESKey && account.appId
    ? new MessageCipher(account.encodingAESKey, account.appId)
    : undefined;
  let body = xml;
  if (cipher) {
    const encrypt = cipher.encrypt(xml);
    body = `<xml><ToUserName><![CDATA[${account.originalId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    Object.assign(query, { encrypt_type: 'aes', msg_signature: signPush(account.token, timestamp, nonce, encrypt) });
  }
  const base = (values.url ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/+$/, '');
  const res = await axios.post<string>(`${base}/webhooks/${encodeURIComponent(account.id)}`, body, {
    params: query,
    headers: { 'content-type': 'text/xml' },
    responseType: 'text',
    transformResponse: (data: string) => data,
    validateStatus: () => true,
    timeout: 10_000,
  });
  process.stdout.write(`HTTP ${res.status}\n${res.data}\n`);
  const encrypted = /<Encrypt><!\[CDATA\[([^\]]+)\]\]><\/Encrypt>/.exec(res.data);
  if (cipher && encrypted?.[1]) process.stdout.write(`\ndecrypted:\n${cipher.decrypt(encrypted[1])}\n`);
  if (res.status >= 400) process.exitCode = 1;
}

replay(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof ConfigError) process.stderr.write(`${error.message}\nHow to fix: ${error.fix}\n`);
  else process.stderr.write(`replay failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
