/**
 * A push the edge refuses, with the HTTP status and a short reason safe to send back
 * (never a stack, never a secret).
 */
export class WebhookRejection extends Error {
  constructor(readonly status: 400 | 401 | 404 | 413 | 503, reason: string) {
    super(reason);
    this.name = 'WebhookRejection';
  }
}
