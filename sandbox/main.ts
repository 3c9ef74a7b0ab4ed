/**
 * `npm run sandbox`: runs the sandbox platform until SIGTERM or SIGINT. Port from SANDBOX_PORT
 * (default 4010); SANDBOX_PLATFORM and SANDBOX_FAKEID_SPACE make it play another platform, with
 * FakeIDs of its own, beside a first sandbox.
 */
import { platformIdentity, startSandbox } from './create-sandbox';

const DEFAULT_PORT = 4010;

function portFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`SANDBOX_PORT must be a port number (0-65535), got ${JSON.stringify(value)}; unset it for ${DEFAULT_PORT}`);
  }
  return port;
}

/** The platform to play, from SANDBOX_PLATFORM and SANDBOX_FAKEID_SPACE (unset: `default`, space 0). */
function platformFromEnv(env: NodeJS.ProcessEnv): { platform?: string; fakeIdSpace?: number } {
  const space = env.SANDBOX_FAKEID_SPACE;
  const options = { platform: env.SANDBOX_PLATFORM || undefined, fakeIdSpace: space === undefined || space === '' ? undefined : Number(space) };
  try {
    platformIdentity(options);
  } catch (error) {
    throw new Error(`SANDBOX_PLATFORM or SANDBOX_FAKEID_SPACE: ${(error as Error).message}; unset them for the default platform`, { cause: error });
  }
  return options;
}

async function main(): Promise<void> {
  // Listen for stop signals before anything is printed: a SIGTERM during start-up then stops
  // the sandbox cleanly once it is up, instead of killing the process (exit code 143).
  let stopRequested = false;
  let stop = (): void => {
    stopRequested = true;
  };
  process.once('SIGTERM', () => stop());
  process.once('SIGINT', () => stop());
  const sandbox = await startSandbox({ port: portFromEnv(process.env.SANDBOX_PORT), host: process.env.SANDBOX_HOST || undefined, ...platformFromEnv(process.env) });
  const u = sandbox.url;
  const { name, fakeIdSpace } = sandbox.platform.identity;
  process.stdout.write(
    [
      `Sandbox IM platform listening on ${u}`,
      `  platform:    ${name} (FakeID space ${fakeIdSpace}; accounts on it say "platform": "${name}" in the bot's ACCOUNTS_FILE)`,
      `  chat page:   ${u}/ (be a follower in the browser)`,
      `  console:     ${u}/cgi-bin/login (the bot logs in here)`,
      `  control API: ${u}/_sandbox (JSON; see sandbox/README.md)`,
      '',
      'Try:',
      `  curl -s -XPOST ${u}/_sandbox/accounts -H 'content-type: application/json' \\`,
      `    -d '{"id":"acme","username":"acme@example.com","password":"secret","token":"tok","webhookUrl":"http://127.0.0.1:3000/webhooks/acme"}'`,
      `  curl -s -XPOST ${u}/_sandbox/people -H 'content-type: application/json' -d '{"nickName":"Alice"}'`,
      `  curl -s -XPOST ${u}/_sandbox/follow -H 'content-type: application/json' -d '{"account":"acme","fakeId":"<fakeId>"}'`,
      `  curl -s -XPOST ${u}/_sandbox/send -H 'content-type: application/json' -d '{"account":"acme","fakeId":"<fakeId>","type":"text","content":"hello"}'`,
      '',
    ].join('\n'),
  );
  stop = (): void => {
    sandbox.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  if (stopRequested) stop();
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
