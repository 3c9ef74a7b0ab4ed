/**
 * What the demo seeds into its sandbox: its two accounts, people with profiles a newcomer can
 * chat as, who follows what, and the accounts' menu. Fixed data, so the demo looks the same
 * every time.
 */
import type { SandboxControl } from '../../sandbox/control-client';
import type { Account } from '../config/account';
import { DEMO_ACCOUNT } from '../config/accounts-file';

/** A person the sandbox creates at start: the body of `POST /_sandbox/people`, as its client types it. */
export type DemoPerson = Parameters<SandboxControl['addPerson']>[0];

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { nickName: '李雷', userName: 'li_lei', signature: '周末爬白云山', country: '中国', province: '广东', city: '广州', gender: 1 },
  { nickName: '韩梅梅', userName: 'han_meimei', signature: '读书，跑步', country: '中国', province: '北京', city: '海淀', gender: 2 },
  { nickName: 'Alice Chen', userName: 'alice_c', signature: 'Coffee first', country: 'United States', province: 'California', city: 'San Francisco', gender: 2 },
  { nickName: '王小明', userName: 'xiaoming', signature: '', country: '中国', province: '上海', city: '浦东', gender: 1 },
];

/** The demo accounts' menu: each key is a command name, which is how the bot reads a CLICK. */
export const DEMO_MENU: ReadonlyArray<{ name: string; key: string }> = [
  { name: '帮助 Help', key: 'help' },
  { name: '我是谁 Me', key: 'whoami' },
  { name: '资料 Profile', key: 'profile' },
];

/** The console login of the demo account; its password is drawn afresh at every start. */
export const DEMO_CONSOLE_USERNAME = 'demo@lianluo.invalid';

/** The demo's second account, on the same platform as the first, so its followers are the same persons. */
export const DEMO_SECOND_ACCOUNT: Account = { id: 'demo2', originalId: 'gh_000000000002', token: 'demo2', mode: 'plain' };

/** An account the demo registers on the bot and on its sandbox (each with a console password drawn at every start). */
export interface DemoAccount {
  account: Account;
  consoleUsername: string;
}

/** The demo's accounts, in the order the chat page lists them. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { account: DEMO_ACCOUNT, consoleUsername: DEMO_CONSOLE_USERNAME },
  { account: DEMO_SECOND_ACCOUNT, consoleUsername: 'demo2@lianluo.invalid' },
];

/**
 * Who follows what when the demo starts: 李雷 follows both accounts (each follow a `subscribe`
 * push, so the bot identifies him on both), so `profile` shows one person known through two
 * accounts. Everyone else starts unfollowed: following is the first thing to try.
 */
export const DEMO_FOLLOWS: ReadonlyArray<{ nickName: string; accounts: readonly string[] }> = [
  { nickName: '李雷', accounts: DEMO_ACCOUNTS.map((demo) => demo.account.id) },
];
