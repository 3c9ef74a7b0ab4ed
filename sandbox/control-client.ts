/**
 * A small typed client of the sandbox's control API (`/_sandbox`, see sandbox/README.md), over
 * plain HTTP: the end-to-end tests and the identity benchmark drive the sandbox with it, the
 * same way a person would with curl.
 */

import type { z } from 'zod';
import type { sendSchema } from './control-schemas';
import type { ScanResult } from './chat-api-routes';
import type { PlatformInfo } from './control-routes';
import type { ConversationEntry, PublicAccount } from './chat-views';
import type { MenuEntry, Person, RequestLogEntry } from './platform-model';
import type { PersonPatch, PlatformIdentity } from './platform-state';
import type { PushResult } from './pusher';

export type { ConversationEntry, MenuEntry, Person, PersonPatch, PlatformIdentity, PlatformInfo, PublicAccount, PushResult, ScanResult };
/** One console request the sandbox served (query strings, and so tokens, are not recorded). */
export type ConsoleRequestRecord = RequestLogEntry;

/** The body of `POST /_sandbox/send`, as its schema reads it. */
export type SendBody = z.input<typeof sendSchema>;

/** Drives a sandbox at `baseUrl`. Every call rejects with the API's own error message on a non-2xx answer. */
export class SandboxControl {
  constructor(readonly baseUrl: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`sandbox ${method} ${path}: ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  addAccount(body: {
    id: string; username: string; password: string; token: string; webhookUrl: string;
    mode?: 'plain' | 'compatible' | 'safe'; encodingAESKey?: string; appId?: string; originalId?: string;
  }): Promise<{ id: string; originalId: string; fakeId: string }> {
    return this.call('POST', '/accounts', body);
  }
  patchAccount(id: string, body: { password?: string; banned?: boolean; menu?: MenuEntry[] }): Promise<unknown> {
    return this.call('PATCH', `/accounts/${id}`, body);
  }
  /** Sets the account's custom menu (at most 3 entries; a tap pushes `CLICK` with the key). */
  setMenu(id: string, menu: MenuEntry[]): Promise<{ id: string; banned: boolean; menu: MenuEntry[] }> {
    return this.call('PATCH', `/accounts/${id}`, { menu });
  }
  /** Every account, without passwords, tokens or keys. */
  accounts(): Promise<PublicAccount[]> {
    return this.call('GET', '/accounts');
  }
  people(): Promise<Person[]> {
    return this.call('GET', '/people');
  }
  expireSessions(id: string): Promise<{ expired: number }> {
    return this.call('POST', `/accounts/${id}/expire-sessions`);
  }
  addPerson(body: { nickName: string; userName?: string; signature?: string; country?: string; province?: string; city?: string; gender?: 0 | 1 | 2 }): Promise<{ fakeId: string }> {
    return this.call('POST', '/people', body);
  }
  /** Changes a person's profile on the platform; the console shows it from the next page it serves. */
  patchPerson(fakeId: string, patch: PersonPatch): Promise<Person> {
    return this.call('PATCH', `/people/${encodeURIComponent(fakeId)}`, patch);
  }
  /** Which platform the sandbox plays (its name and FakeID space), and where its chat page's SMS link points. */
  platformIdentity(): Promise<PlatformInfo> {
    return this.call('GET', '/platform');
  }
  follow(body: { account: string; fakeId: string; scene?: string; push?: boolean; at?: number }): Promise<{ openId: string; push?: PushResult }> {
    return this.call('POST', '/follow', body);
  }
  send(body: SendBody): Promise<PushResult> {
    return this.call('POST', '/send', body);
  }
  /** The person unfollows: an `unsubscribe` push (no reply reaches them). */
  unfollow(body: { account: string; fakeId: string }): Promise<PushResult> {
    return this.call('POST', '/unfollow', body);
  }
  /** Scans a scene QR code given as its scene or the URL of its PNG: SCAN for a follower, else a follow by scene. */
  scan(body: { account: string; fakeId: string; scene?: string; imageUrl?: string }): Promise<ScanResult> {
    return this.call('POST', '/scan', body);
  }
  /** The URL of a PNG QR code holding `scene` (served by the sandbox). */
  qrCodeUrl(scene: string): string {
    return `${this.baseUrl}/_sandbox/qrcode?scene=${encodeURIComponent(scene)}`;
  }
  /** A person's chat with an account after the chat seq `after`, oldest first. */
  conversation(fakeId: string, account: string, after = 0): Promise<{ account: string; fakeId: string; following: boolean; openId: string | null; entries: ConversationEntry[]; lastSeq: number }> {
    return this.call('GET', `/people/${fakeId}/conversation?account=${encodeURIComponent(account)}&after=${after}`);
  }
  /** What the account's console holds: followers, groups with counts, the 50 newest messages. */
  consoleView(id: string): Promise<{
    account: PublicAccount;
    followers: Array<{ openId: string; fakeId: string; nickName: string; groupId: number; followedAt: number }>;
    groups: Array<{ id: number; name: string; count: number }>;
    messages: Array<{ id: number; direction: 'in' | 'out'; fakeId: string; nickName: string; type: number; content: string; dateTime: number; hidden: boolean }>;
  }> {
    return this.call('GET', `/accounts/${id}/console`);
  }
  sent(id: string): Promise<Array<{ via: 'passive' | 'singlesend'; fakeId: string; openId: string; type: string; content: string; at: number }>> {
    return this.call('GET', `/accounts/${id}/sent`);
  }
  follows(id: string): Promise<Array<{ openId: string; fakeId: string; nickName: string; groupId: number; followedAt: number }>> {
    return this.call('GET', `/accounts/${id}/follows`);
  }
  requests(account?: string): Promise<ConsoleRequestRecord[]> {
    return this.call('GET', `/requests${account ? `?account=${encodeURIComponent(account)}` : ''}`);
  }
  clearRequests(): Promise<void> {
    return this.call('DELETE', '/requests');
  }
  knobs(patch: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.call('PATCH', '/knobs', patch);
  }
  advanceClock(seconds: number): Promise<{ now: number }> {
    return this.call('POST', '/clock', { advanceSeconds: seconds });
  }
}
