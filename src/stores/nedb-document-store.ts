import { access, constants, mkdir } from 'node:fs/promises';
import path from 'node:path';
import Datastore from '@seald-io/nedb';
import mongoose, { type Model, type Schema } from 'mongoose';
import { DuplicateKeyError, type Collection, type DocumentStore, type Filter, type FindOptions } from './document-store';
import type { ModelDefinition, Sort, Update, UpdateResult } from './document-store';
import { CollectionRegistry } from './collection-registry';
import { equalities, toNedb, updatedPaths } from './nedb-filters';

type Doc = Record<string, unknown>;

/**
 * The embedded {@link DocumentStore}: one @seald-io/nedb file per collection, `<dir>/<name>.db`,
 * loaded when the collection is first asked for (the directory is created if missing); or, with
 * {@link NedbDocumentStore.inMemory}, no files at all (the demo, which forgets on restart like
 * the sandbox it talks to).
 * The model's mongoose schema (compiled on a connection that never connects) casts, defaults and
 * validates documents and casts filters, so values come back as from MongoDB. Indexes, compound
 * and unique ones included, come from `schema.indexes()`. Writes to a collection run one at a
 * time, which makes `findOneAndDelete` and upserts atomic within the process, the files' only user.
 */
export class NedbDocumentStore implements DocumentStore {
  /** Never connected: it only compiles models, to cast and validate. */
  private readonly models = mongoose.createConnection();
  private readonly collections = new CollectionRegistry<NedbCollection<unknown>>();
  private readonly state = { closed: false };

  /** @param dir where the files go; `null` keeps everything in memory. */
  constructor(private readonly dir: string | null) {}

  /** A store that keeps nothing on disk. */
  static inMemory(): NedbDocumentStore {
    return new NedbDocumentStore(null);
  }

  /** @throws Error when the name is not a safe file name, or the schema holds types nedb cannot store. */
  collection<T>(definition: ModelDefinition<T>): Collection<T> {
    assertOpen(this.state);
    const collection = this.collections.getOrCreate(definition as ModelDefinition<unknown>, (name, schema) => {
      if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new Error(`collection name ${name} is not a safe file name`);
      assertStorable(schema, name);
      const model = this.models.model<Doc>(name, schema, name);
      const file = this.dir === null ? null : path.join(this.dir, `${name}.db`);
      return new NedbCollection<unknown>(name, file, schema, model, this.state);
    });
    return collection as Collection<T>;
  }

  /** Resolves when the data directory exists and is writable. */
  async ping(): Promise<void> {
    assertOpen(this.state);
    if (this.dir === null) return;
    await mkdir(this.dir, { recursive: true });
    await access(this.dir, constants.W_OK);
  }

  /** Waits for pending writes, compacts every file to one line per document, and closes. */
  async close(): Promise<void> {
    if (this.state.closed) return;
    this.state.closed = true;
    await Promise.all(this.collections.values().map((collection) => collection.flush()));
    await this.models.close();
  }
}

class NedbCollection<T> implements Collection<T> {
  private readonly db: Datastore<Doc>;
  /** Where update operators are applied before the result is validated and stored for real. */
  private readonly scratch = new Datastore<Doc>({ inMemoryOnly: true });
  private readonly ready: Promise<void>;
  private caster?: ReturnType<Model<Doc>['find']>;
  private loaded = false;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly name: string, private readonly file: string | null, readonly schema: Schema<Doc>, private readonly model: Model<Doc>, private readonly state: { closed: boolean }) {
    this.db = new Datastore<Doc>(file === null ? { inMemoryOnly: true } : { filename: file });
    this.ready = this.load().catch((err: Error) => {
      throw new Error(`cannot open ${file ?? 'the in-memory store'}: ${err.message}`, { cause: err });
    });
    // The first operation reports a failed load; until then it must not count as unhandled.
    this.ready.catch(() => undefined);
  }

  async insertOne(doc: T): Promise<T> {
    await this.open();
    const clean = await this.cast(doc as Doc, true);
    await this.exclusive(() => this.db.insertAsync(clean));
    return clean as T;
  }

  async findOne(filter: Filter<T>, options: Pick<FindOptions<T>, 'sort'> = {}): Promise<T | null> {
    return (await this.find(filter, { ...options, limit: 1 }))[0] ?? null;
  }

  async find(filter: Filter<T>, options: FindOptions<T> = {}): Promise<T[]> {
    const query = toNedb(await this.open(filter));
    return (await this.select(query, options)).map((doc) => strip(doc) as T);
  }

  async count(filter: Filter<T>): Promise<number> {
    return this.db.countAsync(toNedb(await this.open(filter)));
  }

  async updateOne(filter: Filter<T>, update: Update<T>, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    const cast = await this.open(filter);
    // Mongoose sends no empty update (it answers "not acknowledged"); nedb would empty the document.
    if (Object.keys(update).length === 0) return { matched: 0, upserted: false };
    return this.exclusive(async () => {
      const [found] = await this.select(toNedb(cast), { limit: 1 });
      if (!found && !options.upsert) return { matched: 0, upserted: false };
      // An upsert starts, as in MongoDB, from the filter's equality fields.
      const steps = (found ? [update] : [{ $set: equalities(cast) }, update]) as Doc[];
      const next = await this.cast(await this.apply(found ?? {}, steps), !found, updatedPaths(update as Doc));
      if (found) await this.db.updateAsync({ _id: found._id }, next, {});
      else await this.db.insertAsync(next);
      return { matched: found ? 1 : 0, upserted: !found };
    });
  }

  async findOneAndDelete(filter: Filter<T>, options: Pick<FindOptions<T>, 'sort'> = {}): Promise<T | null> {
    const query = toNedb(await this.open(filter));
    return this.exclusive(async () => {
      // nedb also removes documents on reads (TTL indexes), outside this queue: hence the retry.
      for (;;) {
        const [found] = await this.select(query, { ...options, limit: 1 });
        if (!found) return null;
        if ((await this.db.removeAsync({ _id: found._id }, {})) === 1) return strip(found) as T;
      }
    });
  }

  async deleteOne(filter: Filter<T>): Promise<boolean> {
    return (await this.remove(filter, false)) > 0;
  }

  async deleteMany(filter: Filter<T>): Promise<number> {
    return this.remove(filter, true);
  }

  /** Waits for queued writes, then rewrites the file without its superseded lines. */
  async flush(): Promise<void> {
    await this.ready.catch(() => undefined);
    await this.writes;
    // A file that failed to load must stay as it is: compacting would replace it with nothing.
    if (this.loaded && this.file !== null) await this.db.compactDatafileAsync();
  }

  private async load(): Promise<void> {
    if (this.file !== null) await mkdir(path.dirname(this.file), { recursive: true });
    await this.db.loadDatabaseAsync();
    this.loaded = true;
    // Fails when documents already stored break a unique index added to the schema since.
    await syncIndexes(this.db, this.schema);
  }

  private async remove(filter: Filter<T>, multi: boolean): Promise<number> {
    const query = toNedb(await this.open(filter));
    return this.exclusive(() => this.db.removeAsync(query, { multi }));
  }

  /** Waits for the file; casts the filter's values to the schema's types as mongoose does for MongoDB. */
  private async open(filter: Filter<T> = {}): Promise<Doc> {
    assertOpen(this.state);
    await this.ready;
    // One query object per collection does the casting: making a mongoose Query per read cost
    // more than the read itself (bench:profiles). `cast` with an object casts that object in
    // place (hence the clone) and leaves the query as it was.
    this.caster ??= this.model.find();
    return this.caster.cast(this.model, structuredClone(filter)) as Doc;
  }

  /** Runs one write after the previous ones; nedb unique clashes become `DuplicateKeyError`. */
  private exclusive<R>(write: () => Promise<R>): Promise<R> {
    const run = this.writes.then(write).catch((err: unknown) => {
      throw (err as { errorType?: string }).errorType === 'uniqueViolated' ? new DuplicateKeyError(this.name, err) : err;
    });
    this.writes = run.catch(() => undefined);
    return run;
  }

  private async select(query: Doc, options: FindOptions<T>): Promise<Array<Doc & { _id: string }>> {
    let cursor = this.db.findAsync(query);
    if (options.sort) cursor = cursor.sort(options.sort as Sort<Doc>);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return (await cursor) as unknown as Array<Doc & { _id: string }>;
  }

  /** Applies update operators with nedb's own implementation, to a copy in the scratch store. */
  private async apply(current: Doc, steps: Doc[]): Promise<Doc> {
    const { _id } = await this.scratch.insertAsync(current);
    try {
      let next = current;
      for (const step of steps) next = (await this.scratch.updateAsync({ _id }, step, { returnUpdatedDocs: true })).affectedDocuments as Doc;
      return next;
    } finally {
      await this.scratch.removeAsync({ _id }, {});
    }
  }

  /**
   * Casts, defaults and validates a document as mongoose would before writing it to MongoDB.
   * Updates validate only the paths they set, like `runValidators` on MongoDB updates.
   * @throws mongoose's ValidationError naming every failing path.
   */
  private async cast(raw: Doc, isNew: boolean, paths?: string[]): Promise<Doc> {
    const fields = strip(raw);
    this.model.applyTimestamps(fields, { isUpdate: !isNew });
    const doc = new this.model(fields);
    await doc.validate(paths);
    return strip(doc.toObject({ versionKey: false, flattenMaps: true }) as Doc);
  }
}

function assertOpen(state: { closed: boolean }): void {
  if (state.closed) throw new Error('the document store is closed');
}

const strip = ({ _id: _storeId, ...rest }: Doc): Doc => rest;

const UNSTORABLE = new Set(['ObjectId', 'Buffer', 'Decimal128', 'UUID', 'BigInt']);

/** nedb stores JSON plus Dates: ObjectIds (a sub-document's `_id`), Buffers and the like would be mangled. */
function assertStorable(schema: Schema, collection: string, prefix = ''): void {
  schema.eachPath((name, type) => {
    const sub = (type as { schema?: Schema }).schema;
    const kinds = [type.instance, (type as { embeddedSchemaType?: { instance: string } }).embeddedSchemaType?.instance];
    if (sub) assertStorable(sub, collection, `${prefix}${name}.`);
    else if (`${prefix}${name}` !== '_id' && kinds.some((kind) => UNSTORABLE.has(kind ?? ''))) {
      throw new Error(`${collection}.${prefix}${name}: the embedded store cannot keep a ${type.instance}; use a string (or \`_id: false\` on sub-schemas)`);
    }
  });
}

/** Makes the file's indexes those of the schema, as mongoose's `syncIndexes` does on MongoDB. */
async function syncIndexes(db: Datastore<Doc>, schema: Schema): Promise<void> {
  const wanted = new Map<string, Datastore.EnsureIndexOptions & { unique: boolean; sparse: boolean }>();
  for (const [fields, options] of schema.indexes()) {
    const names = Object.keys(fields);
    // nedb has no text or geo indexes; without them queries are only slower, but uniqueness would be lost.
    if (Object.values(fields).some((kind) => kind !== 1 && kind !== -1) || options.partialFilterExpression) {
      if (options.unique) throw new Error(`the embedded store cannot keep a unique index on ${names.join(', ')}`);
      continue;
    }
    const { unique = false, sparse = false, expireAfterSeconds } = options as { unique?: boolean; sparse?: boolean; expireAfterSeconds?: number };
    wanted.set([...names].sort().join(','), { fieldName: names, unique, sparse, expireAfterSeconds });
  }
  // `indexes` is nedb's public but untyped map of index name (fields joined by commas) to index.
  const existing = (db as unknown as { indexes: Record<string, { unique: boolean; sparse: boolean }> }).indexes;
  for (const [name, index] of Object.entries(existing)) {
    const want = wanted.get(name);
    if (name !== '_id' && (want?.unique !== index.unique || want.sparse !== index.sparse)) await db.removeIndexAsync(name);
  }
  for (const options of wanted.values()) await db.ensureIndexAsync(options);
}
