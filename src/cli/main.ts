import { Command, CommanderError } from 'commander';
import { ConfigError, describeError } from '../errors';
import { registerAccountsCommand } from './accounts.command';
import { EXIT, OperationError, UsageError, type CliContext } from './cli-context';
import { registerDoctorCommand } from './doctor.command';
import { registerLoginCommand } from './login.command';
import { registerReplayCommand } from './replay.command';
import { registerUrlCommand } from './url.command';

const EXAMPLES = `
Start here (从这里开始):
  $ npx lianluo accounts add acme --original-id gh_0123456789ab --mode safe --app-id wx0123456789abcdef
  $ export ACCOUNTS_FILE=$PWD/accounts.json
  $ npx lianluo url acme --public-url https://bot.example.com   # paste these on the platform
  $ npx lianluo doctor

Exit codes: 0 ok, 1 a check or operation failed, 64 bad arguments, 78 bad configuration.
Run "npx lianluo <command> --help" for a command's options and examples.`;

/**
 * Builds the `lianluo` program over `ctx`. Every command registers itself (one file each) and
 * reports its exit code through `finish`; commander's own exits become thrown errors, so
 * nothing here ends the process.
 */
export function createProgram(ctx: CliContext, finish: (code: number) => void): Command {
  const program = new Command('lianluo')
    .description("Lianluo (联络) owner tools: the accounts file, the platform's settings, health checks, console login, replay")
    .exitOverride()
    .configureOutput({ writeOut: (s) => void ctx.stdout.write(s), writeErr: (s) => void ctx.stderr.write(s) })
    .showHelpAfterError('(run with --help for usage)')
    .helpCommand(true)
    .addHelpText('after', EXAMPLES);
  registerAccountsCommand(program, ctx, finish);
  registerUrlCommand(program, ctx, finish);
  registerDoctorCommand(program, ctx, finish);
  registerLoginCommand(program, ctx, finish);
  registerReplayCommand(program, ctx, finish);
  return program;
}

/**
 * Runs one `lianluo` command line (`argv` without node and the script) and resolves with the
 * exit code; never exits the process, so tests run commands in-process.
 */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  let code: number = EXIT.ok;
  const program = createProgram(ctx, (c) => (code = c));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    return reportError(error, ctx);
  }
}

function reportError(error: unknown, ctx: CliContext): number {
  if (error instanceof CommanderError) {
    // Help and version exit 0; commander has already printed its message for the rest.
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof UsageError) {
    ctx.stderr.write(`error: ${error.message}\nHow to fix: ${error.fix}\n`);
    return EXIT.usage;
  }
  if (error instanceof ConfigError) {
    ctx.stderr.write(`Configuration error: ${error.message}\nHow to fix: ${error.fix}\n`);
    return EXIT.config;
  }
  if (error instanceof OperationError) {
    ctx.stderr.write(`error: ${error.message}\nHow to fix: ${error.fix}\n`);
    return EXIT.failed;
  }
  ctx.stderr.write(`lianluo failed: ${describeError(error)}\n`);
  return EXIT.failed;
}

/** The process's entry (bin/lianluo.cjs calls it): runs `process.argv` and exits with the code. */
export async function cliMain(): Promise<void> {
  // `npx lianluo accounts list | head -1`: a reader that stops early is no failure.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(EXIT.ok);
    throw error;
  });
  const code = await runCli(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  });
  // Exit explicitly: a store client that would not close (an unreachable Redis reconnecting)
  // must not keep an owner's tool hanging. Wait for stdout to drain first.
  process.stdout.write('', () => process.exit(code));
}
