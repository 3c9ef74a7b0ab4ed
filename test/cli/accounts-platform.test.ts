import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AccountEntry } from '../../src/config/accounts-file';
import { runLianluo, tempDir } from './run-lianluo';

const ACME: AccountEntry = { id: 'acme', originalId: 'gh_0123456789ab', token: 'Tok3nInTheFile9', mode: 'plain' };
const CLUB: AccountEntry = { id: 'club', originalId: 'gh_aaaaaaaaaaaa', token: 'env:CLUB_TOKEN', mode: 'plain', platform: 'weixin' };

function setUp(): { cwd: string; file: string; text: () => string } {
  const cwd = tempDir();
  const file = path.join(cwd, 'accounts.json');
  writeFileSync(file, JSON.stringify([ACME, CLUB]));
  return { cwd, file, text: () => readFileSync(file, 'utf8') };
}

const entries = (file: string): AccountEntry[] => JSON.parse(readFileSync(file, 'utf8')) as AccountEntry[];

describe('lianluo accounts --platform', () => {
  it('add writes the platform, says so, and list shows it', async () => {
    const cwd = tempDir();
    const run = await runLianluo(['accounts', 'add', 'club', '--original-id', 'gh_aaaaaaaaaaaa', '--platform', 'weixin'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const file = path.join(cwd, 'accounts.json');
    expect(entries(file)[0]).toMatchObject({ id: 'club', platform: 'weixin' });
    expect(run.stdout).toContain('Added account club (gh_aaaaaaaaaaaa, mode plain, platform weixin)');
    const listed = await runLianluo(['accounts', 'list', '--file', file], { cwd });
    expect(listed.stdout).toMatch(/club {2}gh_aaaaaaaaaaaa {2}plain\n {2}token {11}in file\n {2}platform {8}weixin\n/);
    const json = await runLianluo(['accounts', 'list', '--json', '--file', file], { cwd });
    expect(JSON.parse(json.stdout)[0].platform).toBe('weixin');
  });

  it('add refuses a platform name the accounts file does not allow, writing nothing', async () => {
    const cwd = tempDir();
    const run = await runLianluo(['accounts', 'add', 'club', '--original-id', 'gh_aaaaaaaaaaaa', '--platform', 'We Chat'], { cwd });
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('error: --platform must be 1-32 characters of a-z, 0-9 and -');
    expect(() => readFileSync(path.join(cwd, 'accounts.json'))).toThrow(/ENOENT/);
  });

  it('edit without --yes warns what a move does to the followers and changes nothing when nobody can be asked', async () => {
    const { file, text } = setUp();
    const before = text();
    const run = await runLianluo(['accounts', 'edit', 'acme', '--platform', 'weixin', '--file', file]);
    expect(run.code).toBe(64);
    expect(run.stdout).toContain('! Moving account acme from platform "default" to "weixin".');
    expect(run.stdout).toContain('A FakeID belongs to one platform and means nothing on another');
    expect(run.stdout).toContain('each follower of acme becomes a new person on "weixin"');
    expect(run.stderr).toContain('error: moving account acme to platform weixin needs --yes (nothing was written)');
    expect(text()).toBe(before);
  });

  it('edit --yes moves the account, keeps everything else, and says only a restart is needed', async () => {
    const { file } = setUp();
    const run = await runLianluo(['accounts', 'edit', 'club', '--platform', 'qq-im', '--yes', '--file', file]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(entries(file)).toEqual([ACME, { ...CLUB, platform: 'qq-im' }]);
    expect(run.stdout).toContain('! Moving account club from platform "weixin" to "qq-im".');
    expect(run.stdout).toContain('  platform: weixin → qq-im (its followers become new persons there)\n');
    expect(run.stdout).not.toContain('Enter the new settings on the platform');
    expect(run.stdout).toContain('# restart the bot');
  });

  it('edit asks on a terminal: yes moves the account, anything else leaves the file as it was', async () => {
    const { file, text } = setUp();
    const before = text();
    const questions: string[] = [];
    const refused = await runLianluo(['accounts', 'edit', 'acme', '--platform', 'weixin', '--file', file], {
      prompt: async (question) => (questions.push(question), 'no'),
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('account acme was not moved (the answer was not yes)');
    expect(text()).toBe(before);
    const agreed = await runLianluo(['accounts', 'edit', 'acme', '--platform', 'weixin', '--file', file], { prompt: async () => 'YES' });
    expect(agreed.code).toBe(0);
    expect(entries(file)[0]).toEqual({ ...ACME, platform: 'weixin' });
    expect(questions).toEqual(['Move acme to platform weixin? Type yes to go on: ']);
  });

  it('edit naming the platform the account is on already changes nothing and asks nothing', async () => {
    const { file } = setUp();
    const run = await runLianluo(['accounts', 'edit', 'acme', '--platform', 'default', '--file', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Account acme in ${file} already has these settings: nothing changed.\n`);
    expect(entries(file)).toEqual([ACME, CLUB]);
  });

  it('edit refuses a bad platform name before asking anything, and --yes alone is nothing to change', async () => {
    const { file, text } = setUp();
    const before = text();
    const bad = await runLianluo(['accounts', 'edit', 'acme', '--platform', 'WeChat!', '--yes', '--file', file]);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('error: --platform WeChat! is not a platform name');
    expect(bad.stdout).toBe('');
    const nothing = await runLianluo(['accounts', 'edit', 'acme', '--yes', '--file', file]);
    expect(nothing.code).toBe(64);
    expect(nothing.stderr).toContain('error: nothing to change');
    expect(text()).toBe(before);
  });

  it('edit of an account that does not exist says so before any warning', async () => {
    const { file } = setUp();
    const run = await runLianluo(['accounts', 'edit', 'nope', '--platform', 'weixin', '--file', file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('no account "nope"');
  });
});
