import { randomBytes } from 'node:crypto';
import { DuplicateKeyError, type Collection, type DocumentStore } from '../stores/document-store';
import { serverSecretModel, type ServerSecretDocument } from './server-secret.model';

/** The stored secret's name: the one secret links are signed with. */
const NAME = 'links';
/** Bytes drawn for a generated secret: as many as the AES-256 key derived from it. */
const GENERATED_BYTES = 32;

/**
 * The server secret that link tokens are derived from (link-tokens.ts): `SECRET_KEY` when the
 * deployment sets one, else 32 random bytes generated on first use and kept in the document
 * store (`server_secrets`), so every process and every restart signs and opens the same links
 * and nothing needs configuring. Read once per process, then kept in memory. Never logged.
 */
export class ServerSecret {
  private readonly secrets: Collection<ServerSecretDocument>;
  private loading: Promise<Buffer> | undefined;

  /**
   * @param configured `SECRET_KEY` (already validated: at least 32 characters), or undefined to
   *   use the stored one.
   */
  constructor(documents: DocumentStore, private readonly configured?: string, private readonly now: () => Date = () => new Date()) {
    this.secrets = documents.collection(serverSecretModel);
  }

  /**
   * The secret's bytes. The first call reads (or creates) the stored secret; a failed read is
   * not remembered, so the next call tries the store again.
   * @throws Error when the document store fails.
   */
  get(): Promise<Buffer> {
    if (this.configured !== undefined) return Promise.resolve(Buffer.from(this.configured, 'utf8'));
    this.loading ??= this.load().catch((error: unknown) => {
      this.loading = undefined;
      throw error;
    });
    return this.loading;
  }

  /** The stored secret, created when missing; of two processes creating it at once, the first insert wins for both. */
  private async load(): Promise<Buffer> {
    const existing = await this.secrets.findOne({ name: NAME });
    if (existing) return Buffer.from(existing.value, 'base64');
    const value = randomBytes(GENERATED_BYTES).toString('base64');
    try {
      await this.secrets.insertOne({ name: NAME, value, createdAt: this.now() });
      return Buffer.from(value, 'base64');
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
    const winner = await this.secrets.findOne({ name: NAME });
    if (!winner) throw new Error('the server secret was deleted while being created');
    return Buffer.from(winner.value, 'base64');
  }
}
