import { runLianluo, type CliRun } from './run-lianluo';

/** A value for every `export NAME=…` placeholder: 43 letters and digits pass as a key, too. */
const PLACEHOLDER_VALUE = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';

/**
 * Follows the "Next:" lines of an `accounts add|edit` output top to bottom, as an owner would in
 * one shell: each `export` sets a variable (placeholders get a value), each `npx lianluo url`
 * runs with the variables set so far. Resolves with the `url` runs, in order.
 */
export async function followNextSteps(stdout: string, cwd: string): Promise<CliRun[]> {
  const steps = (stdout.split('\nNext:\n')[1] ?? '').split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const env: NodeJS.ProcessEnv = {};
  const runs: CliRun[] = [];
  for (const step of steps) {
    const exported = /^export (\w+)=(\S+)/.exec(step);
    if (exported) env[exported[1]!] = exported[2] === '…' ? PLACEHOLDER_VALUE : exported[2];
    const url = /^npx lianluo url (\S+) --public-url /.exec(step);
    if (url) runs.push(await runLianluo(['url', url[1]!, '--public-url', 'https://bot.example.com'], { env: { ...env }, cwd }));
  }
  return runs;
}
