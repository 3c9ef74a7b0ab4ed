import type { Command } from 'commander';
import { EXIT, type CliContext, type Finish } from './cli-context';
import type { DoctorCheck, Verdict } from './doctor-check';
import { runDoctorChecks } from './doctor-checks';

const MARK: Record<Verdict, string> = { ok: '✔', warn: '!', fail: '✖' };

const HELP = `
Checks, each with a verdict (✔ ok, ! warning, ✖ failure) and a one-line fix:
  environment and PUBLIC_URL, the accounts file, the cache and the document store (a real
  write, read and delete in each), and for every account with a console, a login:
  - a stop on automatic logins in the shared cache is reported as it is, without logging in;
  - else the saved session is used, or one login is made (never more: no captcha is tripped).
Passwords, tokens and cookies are never printed. Exit code 1 when any check fails.
检查配置、存储和控制台登录；失败时退出码为 1。

Examples:
  $ npx lianluo doctor
  $ REDIS_URL=redis://127.0.0.1:6379 ACCOUNTS_FILE=accounts.json npx lianluo doctor --json`;

/** Registers `doctor`: is this deployment configured to work, and what to fix if not. */
export function registerDoctorCommand(program: Command, ctx: CliContext, finish: Finish): void {
  program
    .command('doctor')
    .description('check the configuration, the stores and each console login, with a fix for each problem (诊断)')
    .option('--file <path>', 'the accounts file (default: $ACCOUNTS_FILE)')
    .option('--json', 'print JSON: { ok, checks: [{ name, verdict, detail, fix }] }')
    .addHelpText('after', HELP)
    .action(async (options: { file?: string; json?: boolean }) => finish(await doctor(ctx, options)));
}

async function doctor(ctx: CliContext, options: { file?: string; json?: boolean }): Promise<number> {
  const checks = await runDoctorChecks(ctx, options);
  const ok = checks.every((c) => c.verdict !== 'fail');
  ctx.stdout.write(options.json ? `${JSON.stringify({ ok, checks }, null, 2)}\n` : renderChecks(checks));
  return ok ? EXIT.ok : EXIT.failed;
}

/** The report as the terminal shows it: one line per check, its fix indented below. */
export function renderChecks(checks: readonly DoctorCheck[]): string {
  const lines = checks.map((c) => `${MARK[c.verdict]} ${c.name}: ${c.detail}${c.fix && c.verdict !== 'ok' ? `\n    fix: ${c.fix}` : ''}`);
  const count = (v: Verdict) => checks.filter((c) => c.verdict === v).length;
  const [failed, warned] = [count('fail'), count('warn')];
  const summary = failed === 0 ? `All good${warned > 0 ? `, ${warned} warning${warned === 1 ? '' : 's'}` : ''}.` : `${failed} failed, ${warned} warning${warned === 1 ? '' : 's'}.`;
  return `${lines.join('\n')}\n${summary}\n`;
}
