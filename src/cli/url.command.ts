import type { Command } from 'commander';
import { z } from 'zod';
import { readEnvConfig } from '../config/env-config';
import { EXIT, UsageError, type CliContext, type Finish } from './cli-context';
import { findServedAccount, publicBaseUrl } from './served-accounts';

const MODE_NAMES = { plain: 'plain (明文模式)', compatible: 'compatible (兼容模式)', safe: 'safe (安全模式)' } as const;

const HELP = `
Prints exactly what to enter on the platform's server settings page (服务器配置): the webhook
URL, the token, the encryption mode and, for compatible and safe modes, the EncodingAESKey and
AppID. These are secrets: this command prints them because you asked; keep them out of chat,
tickets and screenshots. With no ACCOUNTS_FILE it shows the demo account (token "demo").

Examples:
  $ npx lianluo url acme --public-url https://bot.example.com
  $ PUBLIC_URL=https://bot.example.com ACCOUNTS_FILE=accounts.json npx lianluo url acme`;

const urlSchema = z.url({ protocol: /^https?$/ });

/** Registers `url <account>`: the settings to paste on the platform, secrets included on request. */
export function registerUrlCommand(program: Command, ctx: CliContext, finish: Finish): void {
  program
    .command('url')
    .description('print the webhook URL, token and mode to enter on the platform (服务器配置); shows secrets')
    .argument('<account>', 'the account id ("demo" when no ACCOUNTS_FILE is set)')
    .option('--public-url <url>', 'the address the platform reaches the bot at (default: $PUBLIC_URL, else http://localhost:$PORT)')
    .option('--file <path>', 'the accounts file (default: $ACCOUNTS_FILE)')
    .option('--json', 'print JSON')
    .addHelpText('after', HELP)
    .action(async (id: string, options: { publicUrl?: string; file?: string; json?: boolean }) => finish(await printUrl(ctx, id, options)));
}

async function printUrl(ctx: CliContext, id: string, options: { publicUrl?: string; file?: string; json?: boolean }): Promise<number> {
  if (options.publicUrl !== undefined && !urlSchema.safeParse(options.publicUrl).success) {
    throw new UsageError(`--public-url ${options.publicUrl} is not an http(s) URL`, 'give it like https://bot.example.com');
  }
  const config = readEnvConfig(ctx.env);
  const account = findServedAccount(ctx, options.file, id);
  const base = (options.publicUrl ?? publicBaseUrl(config)).replace(/\/+$/, '');
  const settings = {
    account: account.id,
    originalId: account.originalId,
    url: `${base}/webhooks/${account.id}`,
    token: account.token,
    mode: account.mode,
    ...(account.mode === 'plain' ? {} : { encodingAESKey: account.encodingAESKey, appId: account.appId }),
  };
  if (options.json) {
    ctx.stdout.write(`${JSON.stringify(settings, null, 2)}\n`);
    return EXIT.ok;
  }
  const out = (line: string) => ctx.stdout.write(`${line}\n`);
  out(`Account ${account.id} (${account.originalId}): enter on the platform's server settings page (服务器配置)`);
  out(`  URL (服务器地址)                  ${settings.url}`);
  out(`  Token (令牌)                      ${settings.token}`);
  out(`  Encryption (消息加解密方式)        ${MODE_NAMES[account.mode]}`);
  if (account.mode !== 'plain') {
    out(`  EncodingAESKey (消息加解密密钥)    ${account.encodingAESKey ?? ''}`);
    out(`  AppID (开发者ID)                  ${account.appId ?? ''}`);
  }
  if (/^https?:\/\/(localhost|127\.|\[::1\])/.test(base)) {
    out(`Note: ${base} is this machine; the platform cannot reach it. Set PUBLIC_URL or pass --public-url.`);
  }
  out('These values are secrets: keep them out of chat, tickets and screenshots.');
  return EXIT.ok;
}
