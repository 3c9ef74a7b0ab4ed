import { Schema } from 'mongoose';
import type { ModelDefinition } from '../stores/document-store';

/**
 * A secret the server generated for itself, kept so every process (and every restart) uses the
 * same one. Only used while `SECRET_KEY` is unset. Never logged, never shown.
 */
export interface ServerSecretDocument {
  /** What the secret is for, e.g. `links`; unique, so two processes creating it at once keep one. */
  name: string;
  /** The secret's bytes, base64. */
  value: string;
  createdAt: Date;
}

const schema = new Schema<ServerSecretDocument>(
  {
    name: { type: String, required: true },
    value: { type: String, required: true },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ name: 1 }, { unique: true });

export const serverSecretModel: ModelDefinition<ServerSecretDocument> = { name: 'server_secrets', schema };
