import { Schema } from 'mongoose';
import type { ModelDefinition } from '../stores/document-store';

/** A follower's profile as one account's console showed it (docs/protocol.md §3.4), and when. */
export interface ConsoleProfile {
  accountId: string;
  fakeId: string;
  nickName: string;
  remarkName: string;
  userName: string;
  signature: string;
  country: string;
  province: string;
  city: string;
  /** 0 unknown, 1 male, 2 female. */
  gender: number;
  fetchedAt: Date;
}

const text = { type: String, default: '' };
const schema = new Schema<ConsoleProfile>(
  {
    accountId: { type: String, required: true },
    fakeId: { type: String, required: true },
    nickName: text,
    remarkName: text,
    userName: text,
    signature: text,
    country: text,
    province: text,
    city: text,
    gender: { type: Number, enum: [0, 1, 2], default: 0 },
    fetchedAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ accountId: 1, fakeId: 1 }, { unique: true });

export const consoleProfileModel: ModelDefinition<ConsoleProfile> = { name: 'console_profiles', schema };
