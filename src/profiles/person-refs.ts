/**
 * What hangs off a person in other domains (contacts, phone bindings, later circles and
 * exchanges) moves when two persons become one (`verify` of a phone another person holds).
 * Each domain gives the merge one mover; the merge runs them all, in order, and runs them again
 * after a crash, so `movePerson` must be idempotent: a second run finds nothing left to move.
 */
export interface PersonRefMover {
  /** Names the step in the merge journal and in logs, e.g. `contacts`. */
  readonly name: string;
  /** Re-points everything of `fromId` to `toId`, folding duplicates (a contact of both stays one). */
  movePerson(fromId: string, toId: string): Promise<void>;
}

/** Joins two persons into one (src/profiles/person-merge*.ts implements it). */
export interface PersonJoiner {
  /**
   * Makes `a` and `b` one person: the older keeps its GUID and code, the other's code becomes an
   * alias, and identities, profile items, settings and every mover's records move to it, in
   * steps a crash cannot leave half done (a journal, resumed). Idempotent.
   * @returns the person kept and the one merged into it
   */
  join(aId: string, bId: string): Promise<{ keptId: string; goneId: string }>;
}
