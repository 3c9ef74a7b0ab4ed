/**
 * `npm run replay -- <file.xml> --account <id> [--url <base>] [--fresh]`: kept for the README's
 * first steps; the command itself lives in the owner CLI (`npx lianluo replay`, src/cli/).
 */
import { runCli } from '../cli/main';

runCli(['replay', ...process.argv.slice(2)], {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
}).then((code) => {
  process.exitCode = code;
});
