import type { CommandRegistry } from './command-registry';
import type { ActiveMessenger } from '../outbox/active-messenger';

/** The services every command can reach through its context, built once in main.ts. */
export interface BotServices {
  commands: CommandRegistry;
  messenger: ActiveMessenger;
  /** The current time; injected so tests run on a fixed clock. */
  now(): Date;
}
