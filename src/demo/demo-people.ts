/**
 * What the demo seeds into its sandbox: people with profiles a newcomer can chat as, and the
 * demo account's menu. Fixed data, so the demo looks the same every time.
 */
import type { SandboxControl } from '../../sandbox/control-client';

/** A person the sandbox creates at start: the body of `POST /_sandbox/people`, as its client types it. */
export type DemoPerson = Parameters<SandboxControl['addPerson']>[0];

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { nickName: '李雷', userName: 'li_lei', signature: '周末爬白云山', country: '中国', province: '广东', city: '广州', gender: 1 },
  { nickName: '韩梅梅', userName: 'han_meimei', signature: '读书，跑步', country: '中国', province: '北京', city: '海淀', gender: 2 },
  { nickName: 'Alice Chen', userName: 'alice_c', signature: 'Coffee first', country: 'United States', province: 'California', city: 'San Francisco', gender: 2 },
  { nickName: '王小明', userName: 'xiaoming', signature: '', country: '中国', province: '上海', city: '浦东', gender: 1 },
];

/** The demo account's menu: each key is a command name, which is how the bot reads a CLICK. */
export const DEMO_MENU: ReadonlyArray<{ name: string; key: string }> = [
  { name: '帮助 Help', key: 'help' },
  { name: '我是谁 Me', key: 'whoami' },
];

/** The console login of the demo account; its password is drawn afresh at every start. */
export const DEMO_CONSOLE_USERNAME = 'demo@lianluo.invalid';
