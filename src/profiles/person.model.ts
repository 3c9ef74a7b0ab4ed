import { Schema } from 'mongoose';
import type { ModelDefinition } from '../stores/document-store';
import { PERSON_CODE_ALPHABET, PERSON_CODE_LENGTH } from './person-code';

/**
 * One person (patent CN102655505A's user with a GUID): the same human behind any number of
 * identities (a FakeID on a platform, seen through one or more accounts). The GUID never
 * changes and is never shown; the person code is the public handle people type (`card K7P2QXM`).
 */
export interface Person {
  /** A random UUID. */
  personId: string;
  /** 7 characters of {@link PERSON_CODE_ALPHABET}, unique. */
  code: string;
  createdAt: Date;
}

const schema = new Schema<Person>(
  {
    personId: { type: String, required: true, match: /^[0-9a-f-]{36}$/ },
    code: { type: String, required: true, match: new RegExp(`^[${PERSON_CODE_ALPHABET}]{${PERSON_CODE_LENGTH}}$`) },
    createdAt: { type: Date, required: true },
  },
  { versionKey: false },
);
schema.index({ personId: 1 }, { unique: true });
// The lookup of `card <code>`, and what makes a code name one person only.
schema.index({ code: 1 }, { unique: true });

export const personModel: ModelDefinition<Person> = { name: 'persons', schema };
