import { Schema } from 'mongoose';
import type { ModelDefinition } from '../stores/document-store';

/** An account this identity has written to, with the openID the account's pushes carry for it. */
export interface AccountSeen {
  accountId: string;
  openId: string;
}

/**
 * One identity of a person: a FakeID on a platform. Accounts on one platform share FakeIDs, so
 * the identity (and with it the person) is the same whichever of them the person writes to;
 * each account's openID for it is kept in `accounts`. The unique (platform, FakeID) index is
 * what makes two first messages, even in two processes, end with one person.
 */
export interface PersonIdentity {
  platform: string;
  fakeId: string;
  personId: string;
  accounts: AccountSeen[];
  createdAt: Date;
}

const accountSeen = new Schema<AccountSeen>(
  { accountId: { type: String, required: true }, openId: { type: String, required: true } },
  { _id: false },
);

const schema = new Schema<PersonIdentity>(
  {
    platform: { type: String, required: true },
    fakeId: { type: String, required: true },
    personId: { type: String, required: true },
    accounts: { type: [accountSeen], default: [] },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ platform: 1, fakeId: 1 }, { unique: true });
// A person's identities (a profile, an export, a merge).
schema.index({ personId: 1 });
// Who is behind an openID: multikey over the accounts' elements.
schema.index({ 'accounts.accountId': 1, 'accounts.openId': 1 });

export const personIdentityModel: ModelDefinition<PersonIdentity> = { name: 'person_identities', schema };
