import type { Schema } from 'mongoose';

/**
 * The document store: everything that must last (outbox, identities, profiles, circles,
 * exchanges). Each model is defined once as a mongoose schema; repositories are written once
 * against `Collection`, in MongoDB's query and update language, and run unchanged on both
 * backends: MongoDB (`MONGODB_URI`, mongo-document-store.ts) and the embedded on-disk store
 * under `DATA_DIR` (nedb-document-store.ts, @seald-io/nedb, which follows MongoDB's language).
 *
 * Documents come back as plain objects without `_id` or `__v`: models carry their own keys.
 */
export interface ModelDefinition<T> {
  /** Collection name, e.g. `outbox_messages`. */
  readonly name: string;
  /** The mongoose schema: field types, defaults, validation and indexes (`schema.index(...)`). */
  readonly schema: Schema<T>;
}

/** The subset of MongoDB's filter language both backends speak identically. */
export type Filter<T> = {
  [K in keyof T]?: T[K] | FilterOperators<T[K]>;
} & { $or?: Filter<T>[]; $and?: Filter<T>[] };

export interface FilterOperators<V> {
  $eq?: V; $ne?: V; $in?: V[]; $nin?: V[]; $gt?: V; $gte?: V; $lt?: V; $lte?: V; $exists?: boolean;
  /** On an array of sub-documents: some one element matches every condition (not each by another element). */
  $elemMatch?: V extends ReadonlyArray<infer E> ? (E extends object ? Filter<E> : never) : never;
}

/** The subset of MongoDB's update operators both backends speak identically. */
export interface Update<T> {
  $set?: Partial<T>;
  $unset?: { [K in keyof T]?: true };
  $inc?: { [K in keyof T]?: number };
  $push?: { [K in keyof T]?: unknown };
  $addToSet?: { [K in keyof T]?: unknown };
  $pull?: { [K in keyof T]?: unknown };
}

export type Sort<T> = { [K in keyof T]?: 1 | -1 };

export interface FindOptions<T> {
  sort?: Sort<T>;
  limit?: number;
  skip?: number;
}

export interface UpdateResult {
  /** Documents the filter matched (0 or 1 for updateOne). */
  matched: number;
  /** True when `upsert` inserted a new document. */
  upserted: boolean;
}

export interface Collection<T> {
  /** Casts and validates `doc` with the schema, then inserts it. Throws `DuplicateKeyError` on a unique index clash. */
  insertOne(doc: T): Promise<T>;
  findOne(filter: Filter<T>, options?: Pick<FindOptions<T>, 'sort'>): Promise<T | null>;
  find(filter: Filter<T>, options?: FindOptions<T>): Promise<T[]>;
  count(filter: Filter<T>): Promise<number>;
  /** Updates the first match; with `upsert`, inserts filter fields + `$set` when nothing matches. */
  updateOne(filter: Filter<T>, update: Update<T>, options?: { upsert?: boolean }): Promise<UpdateResult>;
  /** Atomically removes and returns the first match (by `sort`), or null: two callers never get the same document. */
  findOneAndDelete(filter: Filter<T>, options?: Pick<FindOptions<T>, 'sort'>): Promise<T | null>;
  /** Resolves true when a document was deleted. */
  deleteOne(filter: Filter<T>): Promise<boolean>;
  deleteMany(filter: Filter<T>): Promise<number>;
}

export interface DocumentStore {
  /** The collection for a model; creates its indexes on first use. Same definition, same collection. */
  collection<T>(model: ModelDefinition<T>): Collection<T>;
  /** Resolves when the backend answers; rejects when it cannot be reached. */
  ping(): Promise<void>;
  /** Flushes and closes; further calls fail. */
  close(): Promise<void>;
}

/** A write broke a unique index. */
export class DuplicateKeyError extends Error {
  constructor(readonly collection: string, cause?: unknown) {
    super(`duplicate key in ${collection}`, { cause });
    this.name = 'DuplicateKeyError';
  }
}
