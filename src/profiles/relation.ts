/**
 * How two persons stand to each other when one asks about the other: the same person, or
 * another who may be a contact and may share circles (with which ones: a grant to one circle
 * needs to know). Anyone else is another with neither.
 */
export type Relation =
  | { readonly kind: 'self' }
  | { readonly kind: 'other'; readonly contact: boolean; readonly commonCircles: readonly string[] };

export const SELF: Relation = { kind: 'self' };
export const ANYONE: Relation = { kind: 'other', contact: false, commonCircles: [] };

/** What one source knows of how two different persons are related; what it does not know, it leaves out. */
export interface RelationFacts {
  contact?: boolean;
  /** Codes of the circles both persons are members of. */
  commonCircles?: readonly string[];
}

/**
 * Where relations come from. The contacts issue brings a source that answers `contact`, the
 * circles issue one that answers `commonCircles`; {@link combinedRelations} joins them. Only
 * asked about two different persons.
 */
export interface RelationSource {
  /** @throws Error when its store fails: a permission is never granted on a guess. */
  relationFacts(requesterId: string, targetId: string): Promise<RelationFacts>;
}

/** Before contacts and circles exist: everyone is anyone to everyone else. */
export const noRelations: RelationSource = {
  relationFacts: () => Promise.resolve({}),
};

/** Several sources asked together: a contact when any says so, the union of the common circles. */
export function combinedRelations(...sources: RelationSource[]): RelationSource {
  return {
    async relationFacts(requesterId, targetId) {
      const answers = await Promise.all(sources.map((source) => source.relationFacts(requesterId, targetId)));
      return {
        contact: answers.some((facts) => facts.contact === true),
        commonCircles: [...new Set(answers.flatMap((facts) => facts.commonCircles ?? []))],
      };
    },
  };
}

/** The relation of `requesterId` to `targetId`: self without asking, else one question to `source`. */
export async function relationBetween(source: RelationSource, requesterId: string, targetId: string): Promise<Relation> {
  if (requesterId === targetId) return SELF;
  const facts = await source.relationFacts(requesterId, targetId);
  return { kind: 'other', contact: facts.contact === true, commonCircles: [...(facts.commonCircles ?? [])] };
}
