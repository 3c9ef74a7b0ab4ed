import type { Reply } from '../../webhooks/reply';
import type { Bilingual, Lang } from '../i18n';
import type { BotContext } from './context';

/** What a command receives besides the context. */
export interface CommandInput {
  /** The language of the alias the follower typed. */
  lang: Lang;
  /** The alias as matched (`help`, `帮助`). */
  alias: string;
  /** Arguments split by `tokenizeArgs`. */
  args: string[];
  /** The text after the alias, trimmed but otherwise as typed (for free text such as a status). */
  rest: string;
}

/**
 * A chat command. Each domain exports its own (`help.commands.ts`, `whoami.commands.ts`);
 * the registry routes to them in one place.
 */
export interface Command {
  /** Stable key, used in `help <key>` and logs. */
  key: string;
  /** Aliases per language; matching is case-insensitive and on full-width-folded text. */
  aliases: { zh: string[]; en: string[] };
  /** One line for the help list. */
  summary: Bilingual;
  /** How to call it, e.g. `whoami`. */
  usage: Bilingual;
  /**
   * True when the command reads the sender's identity. The router then waits for it up to
   * `identityWaitMs`; past that it answers "one moment" and sends the command's answer as an
   * active message once the sender is identified. Other commands never wait for identity.
   */
  needsIdentity?: boolean;
  run(ctx: BotContext, input: CommandInput): Promise<Reply | string | null>;
}
