/** An EncodingAESKey as the platform makes them: 43 letters and digits. */
export const AES_KEY_PATTERN = /^[A-Za-z0-9]{43}$/;

/** A platform's name in the accounts file, e.g. `default` or `weixin`. */
export const PLATFORM_PATTERN = /^[a-z0-9-]{1,32}$/;

/** The platform of accounts that name none: by default every account is on one platform. */
export const DEFAULT_PLATFORM = 'default';

/** How pushes to an account are protected (docs/protocol.md §2.5). */
export type CryptoMode = 'plain' | 'compatible' | 'safe';

/** One official account served by this deployment; the webhook URL names it by `id`. */
export interface Account {
  /** Our own name for the account: `[a-z0-9-]{1,32}`, the last part of its webhook URL. */
  id: string;
  /** The account's id on the platform (`gh_` + 12 hex): every push's `ToUserName`. */
  originalId: string;
  /** The token entered on the platform's settings page; signs every push. Secret. */
  token: string;
  mode: CryptoMode;
  /** 43 characters; required unless `mode` is plain. Secret. */
  encodingAESKey?: string;
  /** Checked inside every decrypted push; required unless `mode` is plain. */
  appId?: string;
  /** The admin console the bot logs into to learn who followers are (identity resolution). */
  console?: ConsoleCredentials;
  /**
   * The platform the account is on; unset means {@link DEFAULT_PLATFORM}. Accounts on one
   * platform share FakeIDs, so one FakeID written to any of them is one person.
   */
  platform?: string;
}

/** The platform an account is on (see `Account.platform`). */
export function platformOf(account: Pick<Account, 'platform'>): string {
  return account.platform ?? DEFAULT_PLATFORM;
}

export interface ConsoleCredentials {
  url: string;
  username: string;
  /** Secret. */
  password: string;
}

/** The accounts of a deployment, by id. */
export class AccountDirectory {
  private readonly byId: Map<string, Account>;

  constructor(accounts: readonly Account[]) {
    this.byId = new Map(accounts.map((a) => [a.id, a]));
  }

  get(id: string): Account | undefined {
    return this.byId.get(id);
  }

  list(): Account[] {
    return [...this.byId.values()];
  }
}
