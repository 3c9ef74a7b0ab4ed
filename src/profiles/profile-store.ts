import { DuplicateKeyError, type Collection, type DocumentStore } from '../stores/document-store';
import { consoleClearReason, validateItems } from './item-validity';
import { clearItems, mergeItems, type ClearOutcome, type MergeStep } from './merge-items';
import { decoderFor, type RawPackets } from './profile-decoders';
import type { ProfileField } from './profile-fields';
import { profileItemsModel, type PersonProfile } from './profile-item.model';
import type { DecodedItems, Refusal } from './profile-packet';

/** How often a merge re-reads and tries again after losing a race to another merge of the same person. */
const MAX_TRIES = 20;

/** What a merge did: per field, and what was refused and why. */
export interface MergeReport {
  steps: MergeStep[];
  refused: Refusal[];
  /** True when the profile was written. */
  written: boolean;
}

export type { ClearOutcome } from './merge-items';

export interface ProfileStoreOptions {
  now?: () => Date;
}

/**
 * Persons' profiles (patent CN102664967A): the items of each person in one document of
 * `profile_items`. Reading a profile is one store read; a merge validates, merges and writes
 * the whole packet at once, over the version it read, retrying when another merge got there
 * first, so concurrent merges (two processes, a console refetch and a `set`) lose nothing.
 */
export class ProfileStore {
  private readonly profiles: Collection<PersonProfile>;
  private readonly now: () => Date;

  constructor(documents: DocumentStore, options: ProfileStoreOptions = {}) {
    this.profiles = documents.collection(profileItemsModel);
    this.now = options.now ?? (() => new Date());
  }

  /** A person's profile, or null when nothing is known of them yet: one store read. */
  profileOf(personId: string): Promise<PersonProfile | null> {
    return this.profiles.findOne({ personId });
  }

  /** Decodes a packet with its source's decoder and merges its items into the person's profile. */
  mergePacket<K extends keyof RawPackets>(personId: string, kind: K, packet: RawPackets[K]): Promise<MergeReport> {
    return this.merge(personId, decoderFor(kind)(packet));
  }

  /**
   * Validates decoded items and merges the valid ones, creating the profile when missing. The
   * fields the packet asks to clear (`decoded.clears`) are removed in the same write, as
   * {@link clear} removes them; one that holds a console value is refused and kept, one not set
   * is `unchanged`.
   * @throws Error when the store fails, or when the profile kept changing under {@link MAX_TRIES} attempts.
   */
  async merge(personId: string, decoded: DecodedItems): Promise<MergeReport> {
    const { items, refused, clears = [] } = validateItems(decoded, this.now());
    if (items.length === 0 && clears.length === 0) return { steps: [], refused, written: false };
    for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
      const current = await this.profiles.findOne({ personId });
      const storedAt = this.now();
      const merged = mergeItems(current?.items ?? [], items, storedAt);
      const cleared = clearItems(merged.items, clears);
      const steps: MergeStep[] = [...merged.steps];
      const refusedAll = [...refused];
      for (const outcome of cleared.outcomes) {
        if (outcome.outcome === 'console') refusedAll.push({ field: outcome.field, reason: consoleClearReason(outcome.field) });
        else steps.push({ field: outcome.field, outcome: outcome.outcome === 'cleared' ? 'cleared' : 'unchanged' });
      }
      const changed = merged.changed || cleared.items.length !== merged.items.length;
      if (!changed) return { steps, refused: refusedAll, written: false };
      if (await this.write(personId, current, cleared.items, storedAt)) return { steps, refused: refusedAll, written: true };
      // Another merge wrote since the read: merge again over what it wrote.
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error(`a profile kept changing; merge given up after ${MAX_TRIES} tries`); // no person id: messages reach logs
  }

  /**
   * `clear <field>`: removes a field the person set (chat, web page, vCard). A value from a
   * platform's console is not removed: the console would show it again at the next refetch, and
   * the merge would add it back, so the person changes it there or hides it with `share`.
   * @throws Error when the store fails, or when the profile kept changing under {@link MAX_TRIES} attempts.
   */
  async clear(personId: string, field: ProfileField): Promise<ClearOutcome> {
    for (let attempt = 0; attempt < MAX_TRIES; attempt += 1) {
      const current = await this.profiles.findOne({ personId });
      if (!current) return { outcome: 'absent' };
      const { items, outcomes: [found] } = clearItems(current.items, [field]);
      if (found?.outcome === 'console') return { outcome: 'console', item: found.item };
      if (found?.outcome !== 'cleared') return { outcome: 'absent' };
      if (await this.write(personId, current, items, this.now())) return { outcome: 'cleared', removed: found.removed };
      await new Promise((resolve) => setImmediate(resolve));
    }
    throw new Error(`a profile kept changing; clear given up after ${MAX_TRIES} tries`);
  }

  /** Deletes a person's profile, items and their history together (`forget me`); true when there was one. */
  forget(personId: string): Promise<boolean> {
    return this.profiles.deleteOne({ personId });
  }

  /** Writes `items` over the version read (compare-and-set); false when another write came first. */
  private async write(personId: string, current: PersonProfile | null, items: PersonProfile['items'], at: Date): Promise<boolean> {
    if (!current) {
      try {
        await this.profiles.insertOne({ personId, items, version: 1, updatedAt: at });
        return true;
      } catch (error) {
        if (error instanceof DuplicateKeyError) return false;
        throw error;
      }
    }
    const { matched } = await this.profiles.updateOne(
      { personId, version: current.version },
      { $set: { items, version: current.version + 1, updatedAt: at } },
    );
    return matched === 1;
  }
}
