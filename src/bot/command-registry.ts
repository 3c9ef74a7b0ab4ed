import { hasCjk, type Lang } from '../i18n';
import type { Command, CommandInput } from './command';
import { normalizeInput, tokenizeArgs } from './tokenize-args';

/** A command matched against a message, with its parsed input. */
export interface CommandMatch {
  command: Command;
  input: CommandInput;
}

interface Alias {
  name: string;
  lang: Lang;
  command: Command;
}

/**
 * Routes text to commands by the longest alias that prefixes it, Chinese and English alike.
 * An English alias must be followed by a space or the end (`helpme` is not `help`); a
 * Chinese one may be followed by anything, because Chinese is written without spaces
 * (`加入圈子123` is `加入圈子` + `123`).
 */
export class CommandRegistry {
  private readonly aliases: Alias[] = [];
  private readonly commands: Command[] = [];

  /** Adds commands. Throws at start-up if an alias or key is already taken. */
  register(...commands: Command[]): this {
    for (const command of commands) {
      if (this.commands.some((c) => c.key === command.key)) {
        throw new Error(`command key "${command.key}" is registered twice`);
      }
      for (const lang of ['zh', 'en'] as const) {
        for (const raw of command.aliases[lang]) {
          const name = normalizeInput(raw).toLowerCase();
          const taken = this.aliases.find((a) => a.name === name);
          if (taken) {
            throw new Error(`command alias "${name}" of "${command.key}" is already taken by "${taken.command.key}"`);
          }
          this.aliases.push({ name, lang, command });
        }
      }
      this.commands.push(command);
    }
    // Longest first, so `help circle` style aliases win over their prefixes.
    this.aliases.sort((a, b) => b.name.length - a.name.length);
    return this;
  }

  /** Every command, in registration order (the help list's order). */
  list(): readonly Command[] {
    return this.commands;
  }

  /** The command for `key` or one of its aliases, if any. */
  find(nameOrKey: string): Command | undefined {
    const name = normalizeInput(nameOrKey).toLowerCase();
    return this.commands.find((c) => c.key === name) ?? this.aliases.find((a) => a.name === name)?.command;
  }

  /** The command `text` calls, or null when it calls none. */
  match(text: string): CommandMatch | null {
    const normalized = normalizeInput(text);
    const lower = normalized.toLowerCase();
    for (const alias of this.aliases) {
      if (!lower.startsWith(alias.name)) continue;
      const next = lower.charAt(alias.name.length);
      const boundary = next === '' || /\s/.test(next) || hasCjk(alias.name.slice(-1));
      if (!boundary) continue;
      const rest = normalized.slice(alias.name.length).trim();
      return {
        command: alias.command,
        input: { lang: alias.lang, alias: alias.name, args: tokenizeArgs(rest), rest },
      };
    }
    return null;
  }
}
