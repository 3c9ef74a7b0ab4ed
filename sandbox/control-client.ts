/**
 * A small typed client of the sandbox's control API (`/_sandbox`, see sandbox/README.md), over
 * plain HTTP: the end-to-end tests and the identity benchmark drive the sandbox with it, the
 * same way a person would with curl.
 */

/** What a push did, as the sandbox's pusher saw it. */
export interface PushResult {
  openId: string;
  msgId?: string;
  createTime: number;
  attempts: number;
  /** The HTTP status of the last attempt; 0 when no attempt got an answer. */
  status: number;
  /** Why the last attempt failed, when it did. */
  error?: string;
  reply: { type: string; content?: string } | null;
  elapsedMs: number;
}

/** One console request the sandbox served. */
export interface ConsoleRequestRecord {
  /** Unix ms. */
  at: number;
  account: string | null;
  method: string;
  path: string;
  /** The `t` query parameter (`user/index`, `ajax-getcontactinfo`), else the path's last part (`login`). */
  action: string;
  status: number;
  ms: number;
}

export interface SendBody {
  account: string;
  fakeId: string;
  type: 'text' | 'location' | 'image' | 'voice' | 'event';
  content?: string;
  location?: { lat: number; lng: number; label?: string; scale?: number };
  event?: 'subscribe' | 'SCAN' | 'unsubscribe' | 'LOCATION' | 'CLICK';
  eventKey?: string;
  at?: number;
}

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
  patchAccount(id: string, body: { password?: string; banned?: boolean }): Promise<unknown> {
    return this.call('PATCH', `/accounts/${id}`, body);
  }
  expireSessions(id: string): Promise<{ expired: number }> {
    return this.call('POST', `/accounts/${id}/expire-sessions`);
  }
  addPerson(body: { nickName: string; userName?: string; signature?: string; country?: string; province?: string; city?: string; gender?: 0 | 1 | 2 }): Promise<{ fakeId: string }> {
    return this.call('POST', '/people', body);
  }
  follow(body: { account: string; fakeId: string; scene?: string; push?: boolean; at?: number }): Promise<{ openId: string; push?: PushResult }> {
    return this.call('POST', '/follow', body);
  }
  send(body: SendBody): Promise<PushResult> {
    return this.call('POST', '/send', body);
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
