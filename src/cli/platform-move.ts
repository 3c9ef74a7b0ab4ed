import { platformOf } from '../config/account';
import type { AccountEntry } from '../config/accounts-file';
import { OperationError, UsageError, type CliContext } from './cli-context';
import { askLine } from './terminal-input';

/** `--platform` of `accounts add` and `accounts edit`. */
export const PLATFORM_HELP =
  'the platform the account is on, a-z 0-9 - (default: default); accounts on one platform share FakeIDs, so a follower of two of them is one person';

/** An account moving from one platform to another. */
export interface PlatformMove {
  from: string;
  to: string;
}

/** The move `--platform` asks of `entry`; undefined when it names the platform the account is on already (or is not given). */
export function platformMove(entry: Pick<AccountEntry, 'platform'>, platform: string | undefined): PlatformMove | undefined {
  if (platform === undefined) return undefined;
  const from = platformOf(entry);
  return from === platform ? undefined : { from, to: platform };
}

/** What moving account `id` does to its followers, in lines for the terminal. */
export function platformMoveWarning(id: string, move: PlatformMove): string[] {
  return [
    `! Moving account ${id} from platform "${move.from}" to "${move.to}".`,
    `  A FakeID belongs to one platform and means nothing on another, so nothing is carried over:`,
    `  the persons the bot already knows through ${id} stay as they are, on "${move.from}" (their profiles and`,
    `  person codes too), and after the restart each follower of ${id} becomes a new person on "${move.to}",`,
    `  with a new person code and an empty profile, as if seen for the first time.`,
    `  切换平台后，该账号的关注者会成为新平台上的新用户（新编号、空资料）；原有资料不会迁移。`,
  ];
}

/**
 * Makes sure the owner means to move account `id` to another platform: the warning is printed,
 * then `--yes` goes on; without it, a terminal is asked (`yes` goes on), and a script is refused.
 * This runs before the accounts file is locked: nobody should hold the lock while a person types.
 * @throws UsageError without `--yes` when nobody can be asked; OperationError when the answer is not yes
 */
export async function confirmPlatformMove(ctx: CliContext, id: string, move: PlatformMove, yes: boolean | undefined): Promise<void> {
  for (const line of platformMoveWarning(id, move)) ctx.stdout.write(`${line}\n`);
  if (yes) return;
  const ask = ctx.prompt ?? (ctx.stdin.isTTY === true ? (question: string) => askLine(ctx, question) : undefined);
  if (!ask) {
    throw new UsageError(
      `moving account ${id} to platform ${move.to} needs --yes (nothing was written)`,
      `read the warning above, then run the command again with --yes`,
    );
  }
  const answer = (await ask(`Move ${id} to platform ${move.to}? Type yes to go on: `)).trim().toLowerCase();
  if (answer !== 'yes' && answer !== 'y') {
    throw new OperationError(`account ${id} was not moved (the answer was not yes); nothing was written`, 'run the command again and answer yes, or add --yes');
  }
}
