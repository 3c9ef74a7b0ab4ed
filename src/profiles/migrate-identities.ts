import { identityModel } from '../identity/identity.model';
import type { Cache } from '../stores/cache';
import type { DocumentStore } from '../stores/document-store';
import { runOnce, type RunOnceOutcome } from '../stores/run-once';
import type { PersonDirectory } from './person-directory';

/** The marker's name: changing it would run the migration again. */
export const IDENTITIES_TO_PERSONS = 'identities-to-persons';
/** Identities read per page: memory stays flat however many followers there are. */
const PAGE = 500;

export interface MigrateIdentitiesOptions {
  documents: DocumentStore;
  cache: Cache;
  persons: PersonDirectory;
  /** The platform of an account id (an account no longer served: the default platform). */
  platformOf: (accountId: string) => string;
  now: () => Date;
  /** Identities read at a time (default 500). */
  pageSize?: number;
}

/**
 * Gives every identity tied before persons existed (the `identities` collection) its person,
 * from the stored pair alone (no console call), once per deployment (see {@link runOnce}).
 * Each step is `personFor`, which finds before it creates, so a run that is cut short, or runs
 * beside a tie being made, or beside another process's run, loses nothing and doubles nothing.
 */
export function migrateIdentitiesToPersons(options: MigrateIdentitiesOptions): Promise<RunOnceOutcome> {
  const identities = options.documents.collection(identityModel);
  return runOnce(IDENTITIES_TO_PERSONS, options, async () => {
    const pageSize = options.pageSize ?? PAGE;
    let count = 0;
    for (let skip = 0; ; skip += pageSize) {
      // A stable order: ties made meanwhile may shift a page, which only repeats a step.
      const page = await identities.find({}, { sort: { accountId: 1, openId: 1 }, skip, limit: pageSize });
      for (const { accountId, openId, fakeId } of page) {
        await options.persons.personFor(options.platformOf(accountId), fakeId, accountId, openId);
      }
      count += page.length;
      if (page.length < pageSize) return count;
    }
  });
}
