/**
 * What the demo seeds into its sandboxes: two platforms, each with its accounts, people with
 * profiles a newcomer can chat as, who follows what, and the accounts' menu. Fixed data, so the
 * demo looks the same every time.
 */
import type { SandboxControl } from '../../sandbox/control-client';
import { DEFAULT_PLATFORM, type Account } from '../config/account';
import { DEMO_ACCOUNT } from '../config/accounts-file';

/** A person the sandbox creates at start: the body of `POST /_sandbox/people`, as its client types it. */
export type DemoPerson = Parameters<SandboxControl['addPerson']>[0];

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

/** The name of the demo's second platform, which its second sandbox plays. */
export const DEMO_SECOND_PLATFORM = 'linkup';

/** The demo's account on the second platform: its followers are other persons than the first platform's. */
export const DEMO_THIRD_ACCOUNT: Account = { id: 'demo3', originalId: 'gh_000000000003', token: 'demo3', mode: 'plain', platform: DEMO_SECOND_PLATFORM };

/** The phone number the banner suggests binding from both chats (a well-formed mainland mobile number). */
export const DEMO_PHONE = '13800138000';

/** An account the demo registers on the bot and on its platform's sandbox (each with a console password drawn at every start). */
export interface DemoAccount {
  account: Account;
  consoleUsername: string;
}

/** Who follows which accounts (by id) when the demo starts; each follow is a `subscribe` push. */
export interface DemoFollow {
  nickName: string;
  accounts: readonly string[];
}

/** One platform of the demo: one sandbox plays it, with its own FakeIDs, accounts and people. */
export interface DemoPlatform {
  /** The sandbox's platform name, and the `platform` of the accounts on it. */
  name: string;
  /** The sandbox's FakeID space: the platforms' FakeIDs never meet. */
  fakeIdSpace: number;
  /** In the order the chat page lists them. */
  accounts: readonly DemoAccount[];
  people: readonly DemoPerson[];
  follows: readonly DemoFollow[];
}

/**
 * 韩梅梅 on the first platform: the region, no signature. On the second ({@link DEMO_PLATFORMS})
 * she has the signature and no region, so the profile of the merged person visibly holds both.
 */
const HAN_MEIMEI: DemoPerson = { nickName: '韩梅梅', userName: 'han_meimei', signature: '', country: '中国', province: '北京', city: '海淀', gender: 2 };

/**
 * The demo's platforms, the first one first. On the first, 李雷 follows both its accounts (the
 * bot identifies him on both), so `profile` shows one person known through two accounts. 韩梅梅
 * is on both platforms, following `demo` on the first and `demo3` on the second: two persons to
 * the bot until she binds one phone from both chats. Everyone else starts unfollowed: following
 * is the first thing to try.
 */
export const DEMO_PLATFORMS: readonly DemoPlatform[] = [
  {
    name: DEFAULT_PLATFORM,
    fakeIdSpace: 0,
    accounts: [
      { account: DEMO_ACCOUNT, consoleUsername: DEMO_CONSOLE_USERNAME },
      { account: DEMO_SECOND_ACCOUNT, consoleUsername: 'demo2@lianluo.invalid' },
    ],
    people: [
      { nickName: '李雷', userName: 'li_lei', signature: '周末爬白云山', country: '中国', province: '广东', city: '广州', gender: 1 },
      HAN_MEIMEI,
      { nickName: 'Alice Chen', userName: 'alice_c', signature: 'Coffee first', country: 'United States', province: 'California', city: 'San Francisco', gender: 2 },
      { nickName: '王小明', userName: 'xiaoming', signature: '', country: '中国', province: '上海', city: '浦东', gender: 1 },
    ],
    follows: [
      { nickName: '李雷', accounts: [DEMO_ACCOUNT.id, DEMO_SECOND_ACCOUNT.id] },
      { nickName: HAN_MEIMEI.nickName, accounts: [DEMO_ACCOUNT.id] },
    ],
  },
  {
    name: DEMO_SECOND_PLATFORM,
    fakeIdSpace: 1,
    accounts: [{ account: DEMO_THIRD_ACCOUNT, consoleUsername: 'demo3@lianluo.invalid' }],
    people: [{ nickName: HAN_MEIMEI.nickName, userName: 'meimei', signature: '读书，跑步', gender: 2 }],
    follows: [{ nickName: HAN_MEIMEI.nickName, accounts: [DEMO_THIRD_ACCOUNT.id] }],
  },
];

/** Every demo account, platform by platform: the bot serves them all. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = DEMO_PLATFORMS.flatMap((platform) => platform.accounts);
