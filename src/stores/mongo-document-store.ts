import mongoose, { type ConnectOptions, type Connection, type Model, type QueryFilter, type Schema, type UpdateQuery } from 'mongoose';
import { DuplicateKeyError, type Collection, type DocumentStore, type Filter, type FindOptions } from './document-store';
import type { ModelDefinition, Update, UpdateResult } from './document-store';
import { CollectionRegistry } from './collection-registry';

type Doc = Record<string, unknown>;

/**
 * The MongoDB {@link DocumentStore} (`MONGODB_URI`), over one mongoose connection of its own.
 * Each model is compiled on that connection under its collection name; its schema's indexes are
 * synchronised (`syncIndexes`: created, and dropped when no longer in the schema) on the
 * collection's first use. Reads are lean: plain objects without `_id` and `__v`.
 */
export class MongoDocumentStore implements DocumentStore {
  private readonly collections = new CollectionRegistry<MongoCollection<unknown>>();
  private readonly state = { closed: false };
  private lastError: Error | undefined;

  /** Wraps a mongoose connection, open or opening; `close()` closes it. Use {@link MongoDocumentStore.connect}. */
  constructor(readonly connection: Connection) {
    // Mongoose emits later connection errors as 'error' events: recorded for `ping`, never thrown at the process.
    connection.on('error', (err: Error) => {
      this.lastError = err;
    });
  }

  /**
   * Connects to `uri` and resolves once MongoDB has answered. Indexes are left to the store
   * (`autoIndex: false`) so that a failure surfaces from the operation that needed them.
   * @throws Error naming the server (without credentials) when it is unreachable or refuses the login.
   */
  static async connect(uri: string, options: ConnectOptions = {}): Promise<MongoDocumentStore> {
    const connection = mongoose.createConnection(uri, { autoIndex: false, serverSelectionTimeoutMS: 10_000, ...options });
    try {
      await connection.asPromise();
    } catch (err) {
      await connection.close().catch(() => undefined);
      throw new Error(`MongoDB at ${redact(uri)} is unreachable: ${message(err)}`, { cause: err });
    }
    return new MongoDocumentStore(connection);
  }

  /** @throws Error when the name is already used with another schema. */
  collection<T>(definition: ModelDefinition<T>): Collection<T> {
    assertOpen(this.state);
    const collection = this.collections.getOrCreate(
      definition as ModelDefinition<unknown>,
      (name, schema) => new MongoCollection<unknown>(name, schema, this.connection.model<Doc>(name, schema, name), this.state),
    );
    return collection as Collection<T>;
  }

  /** @throws Error when MongoDB does not answer within the server selection timeout. */
  async ping(): Promise<void> {
    assertOpen(this.state);
    try {
      await this.connection.asPromise();
      const db = this.connection.db;
      if (!db) throw new Error('not connected');
      await db.admin().ping();
    } catch (err) {
      const reason = this.lastError ? `${message(err)} (last connection error: ${this.lastError.message})` : message(err);
      throw new Error(`MongoDB is unreachable: ${reason}`, { cause: err });
    }
  }

  async close(): Promise<void> {
    if (this.state.closed) return;
    this.state.closed = true;
    await this.connection.close();
  }
}

class MongoCollection<T> implements Collection<T> {
  private indexes: Promise<unknown> | undefined;

  constructor(
    private readonly name: string,
    readonly schema: Schema<Doc>,
    private readonly model: Model<Doc>,
    private readonly state: { closed: boolean },
  ) {}

  async insertOne(doc: T): Promise<T> {
    await this.open();
    const saved = await this.write(() => new this.model(doc).save());
    return clean(saved.toObject({ versionKey: false, flattenMaps: true }) as Doc) as T;
  }

  async findOne(filter: Filter<T>, options: Pick<FindOptions<T>, 'sort'> = {}): Promise<T | null> {
    await this.open();
    const found = await this.model.findOne(asFilter(filter), null, { sort: options.sort }).lean<Doc>();
    return found ? (clean(found) as T) : null;
  }

  async find(filter: Filter<T>, options: FindOptions<T> = {}): Promise<T[]> {
    await this.open();
    let query = this.model.find(asFilter(filter));
    if (options.sort) query = query.sort(options.sort as Record<string, 1 | -1>);
    if (options.skip) query = query.skip(options.skip);
    if (options.limit) query = query.limit(options.limit);
    return (await query.lean<Doc[]>()).map((doc) => clean(doc) as T);
  }

  async count(filter: Filter<T>): Promise<number> {
    await this.open();
    return this.model.countDocuments(asFilter(filter));
  }

  async updateOne(filter: Filter<T>, update: Update<T>, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    await this.open();
    const result = await this.write(() =>
      this.model.updateOne(asFilter(filter), update as UpdateQuery<Doc>, {
        upsert: options.upsert === true,
        // Update validators check the paths the update sets, with `this` being no document.
        runValidators: true,
        setDefaultsOnInsert: true,
      }),
    );
    // An update that casts to nothing is not sent: mongoose answers `{ acknowledged: false }` alone.
    return { matched: result.matchedCount ?? 0, upserted: (result.upsertedCount ?? 0) > 0 };
  }

  async findOneAndDelete(filter: Filter<T>, options: Pick<FindOptions<T>, 'sort'> = {}): Promise<T | null> {
    await this.open();
    const found = await this.model.findOneAndDelete(asFilter(filter), { sort: options.sort }).lean<Doc>();
    return found ? (clean(found) as T) : null;
  }

  async deleteOne(filter: Filter<T>): Promise<boolean> {
    await this.open();
    return (await this.model.deleteOne(asFilter(filter))).deletedCount > 0;
  }

  async deleteMany(filter: Filter<T>): Promise<number> {
    await this.open();
    return (await this.model.deleteMany(asFilter(filter))).deletedCount;
  }

  /** Fails once the store is closed; on first use, makes the collection's indexes those of the schema. */
  private async open(): Promise<void> {
    assertOpen(this.state);
    this.indexes ??= this.model.syncIndexes().catch((err: unknown) => {
      this.indexes = undefined; // the next operation tries again
      throw new Error(`cannot create the indexes of ${this.name}: ${message(err)}`, { cause: err });
    });
    await this.indexes;
  }

  /** Runs a write; a unique index clash (server error 11000) becomes `DuplicateKeyError`. */
  private async write<R>(run: () => Promise<R>): Promise<R> {
    try {
      return await run();
    } catch (err) {
      throw (err as { code?: unknown }).code === 11000 ? new DuplicateKeyError(this.name, err) : err;
    }
  }
}

function assertOpen(state: { closed: boolean }): void {
  if (state.closed) throw new Error('the document store is closed');
}

/** `Filter` is a subset of MongoDB's filter language, which mongoose types more loosely. */
function asFilter<T>(filter: Filter<T>): QueryFilter<Doc> {
  return filter as QueryFilter<Doc>;
}

function clean(doc: Doc): Doc {
  const { _id: _mongoId, __v: _version, ...rest } = doc;
  return rest;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** The URI for messages and logs: credentials never leave this module. */
function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}
