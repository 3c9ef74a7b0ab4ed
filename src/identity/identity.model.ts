import { Schema } from 'mongoose';
import type { ModelDefinition } from '../stores/document-store';

/** How the bot tied an openID to a FakeID (docs/protocol.md §4.1, 4.2). */
export type IdentityStrategy = 'time-match' | 'beacon';

/**
 * One follower of one account: the openID the pushes carry, tied to the FakeID the console
 * knows. The pair never changes once made. Both keys are unique per account, so the store
 * itself refuses a FakeID tied to a second openID.
 */
export interface IdentityRecord {
  accountId: string;
  openId: string;
  fakeId: string;
  strategy: IdentityStrategy;
  resolvedAt: Date;
}

const schema = new Schema<IdentityRecord>(
  {
    accountId: { type: String, required: true },
    openId: { type: String, required: true },
    fakeId: { type: String, required: true, match: /^\d{1,12}$/ },
    strategy: { type: String, required: true, enum: ['time-match', 'beacon'] },
    resolvedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ accountId: 1, openId: 1 }, { unique: true });
schema.index({ accountId: 1, fakeId: 1 }, { unique: true });

export const identityModel: ModelDefinition<IdentityRecord> = { name: 'identities', schema };
