/**
 * `npm run sandbox`: runs the sandbox platform until SIGTERM or SIGINT. Port from SANDBOX_PORT
 * (default 4010).
 */
import { startSandbox } from './create-sandbox';

const DEFAULT_PORT = 4010;

function portFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`SANDBOX_PORT must be a port number (0-65535), got ${JSON.stringify(value)}; unset it for ${DEFAULT_PORT}`);
  }
  return port;
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
  const sandbox = await startSandbox({ port: portFromEnv(process.env.SANDBOX_PORT), host: process.env.SANDBOX_HOST || undefined });
  const u = sandbox.url;
  process.stdout.write(
    [
      `Sandbox IM platform listening on ${u}`,
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
