import { Schema } from 'mongoose';
import { DuplicateKeyError, type Collection, type DocumentStore, type Filter, type ModelDefinition } from '../../src/stores/document-store';

/** A small model exercising what repositories rely on: defaults, casting, Dates, nesting, arrays, unique indexes. */
export interface Gadget {
  key: string;
  count?: number;
  seenAt?: Date;
  meta?: { colour?: string; size?: number };
  tags?: string[];
  owner?: string;
  slot?: number;
}

const gadgetSchema = new Schema<Gadget>({
  key: { type: String, required: true, unique: true },
  count: { type: Number, default: 0, min: 0 },
  seenAt: Date,
  meta: { colour: String, size: Number },
  tags: [String],
  owner: String,
  slot: Number,
});
// Sparse: documents with neither field stay out of the index, on both backends alike.
gadgetSchema.index({ owner: 1, slot: 1 }, { unique: true, sparse: true });

export const gadgetModel: ModelDefinition<Gadget> = { name: 'contract_gadgets', schema: gadgetSchema };

/** A model with an array of sub-documents indexed by two of their fields (as persons keep the accounts an identity was seen on). */
export interface Kit {
  key: string;
  parts: Array<{ maker: string; serial: string }>;
}

const kitSchema = new Schema<Kit>({
  key: { type: String, required: true, unique: true },
  parts: { type: [new Schema({ maker: { type: String, required: true }, serial: { type: String, required: true } }, { _id: false })], default: [] },
});
// A compound index over the elements of one array (multikey on MongoDB).
kitSchema.index({ 'parts.maker': 1, 'parts.serial': 1 });

export const kitModel: ModelDefinition<Kit> = { name: 'contract_kits', schema: kitSchema };

const MAY_DAY = new Date('2024-05-01T08:00:00.000Z');
const day = (n: number): Date => new Date(MAY_DAY.getTime() + n * 86_400_000);

/** Five gadgets with distinct keys, counts and dates. */
export const SEED: Gadget[] = [
  { key: 'a', count: 1, seenAt: day(0), tags: ['red'], owner: 'ann', slot: 1 },
  { key: 'b', count: 5, seenAt: day(1), tags: ['red', 'big'], owner: 'ann', slot: 2 },
  { key: 'c', count: 3, seenAt: day(2), tags: [], meta: { colour: 'blue', size: 2 } },
  { key: 'd', count: 5, seenAt: day(3), owner: 'bob', slot: 1 },
  { key: 'e', count: 9 },
];

const keys = (docs: Gadget[]): string[] => docs.map((doc) => doc.key).sort();

function expectNoStoreFields(doc: object | null): void {
  expect(doc).not.toBeNull();
  expect(doc).not.toHaveProperty('_id');
  expect(doc).not.toHaveProperty('__v');
}

/**
 * The behaviour every {@link DocumentStore} backend must share. `make` opens the store for one
 * test; the suite empties the test collection first and closes the store afterwards.
 */
export function describeDocumentStoreContract(name: string, make: () => Promise<DocumentStore>): void {
  describe(`DocumentStore contract: ${name}`, () => {
    let store: DocumentStore;
    let gadgets: Collection<Gadget>;

    beforeEach(async () => {
      store = await make();
      gadgets = store.collection(gadgetModel);
      await gadgets.deleteMany({});
    });

    afterEach(async () => {
      await store.close();
    });

    const seed = async (): Promise<void> => {
      for (const doc of SEED) await gadgets.insertOne(doc);
    };

    it('casts and defaults a document on insert, and returns it without _id or __v', async () => {
      const raw = { key: 'x', count: '7', seenAt: '2024-05-01T08:00:00Z' } as unknown as Gadget;
      const inserted = await gadgets.insertOne(raw);
      expect(inserted).toEqual({ key: 'x', count: 7, seenAt: MAY_DAY, tags: [] });
      expectNoStoreFields(inserted);

      await gadgets.insertOne({ key: 'y' });
      const found = await gadgets.findOne({ key: 'y' });
      expect(found).toEqual({ key: 'y', count: 0, tags: [] });
      expectNoStoreFields(found);
    });

    it('rejects an invalid document with a validation error and stores nothing', async () => {
      await expect(gadgets.insertOne({ count: 2 } as Gadget)).rejects.toMatchObject({ name: 'ValidationError', message: expect.stringMatching(/key/) });
      await expect(gadgets.insertOne({ key: 'neg', count: -1 })).rejects.toMatchObject({ name: 'ValidationError', message: expect.stringMatching(/count/) });
      await expect(gadgets.insertOne({ key: 'nan', count: 'many' as unknown as number })).rejects.toThrow(/count/);
      expect(await gadgets.count({})).toBe(0);
    });

    it('round-trips Dates as Date objects through every read', async () => {
      await seed();
      const one = await gadgets.findOne({ key: 'b' });
      expect(one!.seenAt).toBeInstanceOf(Date);
      expect(one!.seenAt!.getTime()).toBe(day(1).getTime());
      const many = await gadgets.find({ seenAt: { $gte: day(2) } }, { sort: { seenAt: 1 } });
      expect(many.map((doc) => doc.seenAt)).toEqual([day(2), day(3)]);
      const removed = await gadgets.findOneAndDelete({ key: 'a' });
      expect(removed!.seenAt).toEqual(day(0));
    });

    it('finds with comparison, set and logical operators', async () => {
      await seed();
      expect(keys(await gadgets.find({}))).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(keys(await gadgets.find({ key: { $in: ['a', 'c', 'zzz'] } }))).toEqual(['a', 'c']);
      expect(keys(await gadgets.find({ key: { $nin: ['a', 'c'] } }))).toEqual(['b', 'd', 'e']);
      expect(keys(await gadgets.find({ count: { $gt: 3, $lte: 5 } }))).toEqual(['b', 'd']);
      expect(keys(await gadgets.find({ count: { $eq: 5 } }))).toEqual(['b', 'd']);
      expect(keys(await gadgets.find({ count: { $ne: 5 } }))).toEqual(['a', 'c', 'e']);
      expect(keys(await gadgets.find({ seenAt: { $lt: day(2) } }))).toEqual(['a', 'b']);
      expect(keys(await gadgets.find({ owner: { $exists: false } }))).toEqual(['c', 'e']);
      expect(keys(await gadgets.find({ $or: [{ owner: 'bob' }, { count: { $gte: 9 } }] }))).toEqual(['d', 'e']);
      expect(keys(await gadgets.find({ $and: [{ owner: 'ann' }, { count: { $gt: 1 } }] }))).toEqual(['b']);
      expect(keys(await gadgets.find({ owner: 'ann', slot: 2 }))).toEqual(['b']);
    });

    it('follows MongoDB on array elements, null and dotted paths', async () => {
      await seed();
      // These filters are valid MongoDB that `Filter<T>` does not type.
      const loose = (filter: object): Filter<Gadget> => filter as Filter<Gadget>;
      expect(keys(await gadgets.find(loose({ tags: 'red' })))).toEqual(['a', 'b']);
      expect(keys(await gadgets.find(loose({ tags: { $eq: 'big' } })))).toEqual(['b']);
      // $ne and $nin hold only when no element matches.
      expect(keys(await gadgets.find(loose({ tags: { $ne: 'red' } })))).toEqual(['c', 'd', 'e']);
      expect(keys(await gadgets.find(loose({ tags: { $nin: ['big'] } })))).toEqual(['a', 'c', 'd', 'e']);
      // null also matches a missing field.
      expect(keys(await gadgets.find(loose({ owner: null })))).toEqual(['c', 'e']);
      expect(keys(await gadgets.find(loose({ owner: { $in: [null, 'bob'] } })))).toEqual(['c', 'd', 'e']);
      expect(keys(await gadgets.find(loose({ 'meta.colour': 'blue' })))).toEqual(['c']);
    });

    it('casts filter values to the schema types', async () => {
      await seed();
      const filter = { count: '5', seenAt: { $gte: day(3).toISOString() } } as unknown as Filter<Gadget>;
      expect(keys(await gadgets.find(filter))).toEqual(['d']);
    });

    it('sorts, skips and limits', async () => {
      await seed();
      const byCountThenKey = { sort: { count: -1, key: 1 } } as const;
      expect((await gadgets.find({}, byCountThenKey)).map((doc) => doc.key)).toEqual(['e', 'b', 'd', 'c', 'a']);
      expect((await gadgets.find({}, { ...byCountThenKey, skip: 1, limit: 2 })).map((doc) => doc.key)).toEqual(['b', 'd']);
      expect((await gadgets.findOne({ owner: 'ann' }, { sort: { slot: -1 } }))!.key).toBe('b');
      expect(await gadgets.findOne({ key: 'nope' })).toBeNull();
    });

    it('counts matching documents', async () => {
      await seed();
      expect(await gadgets.count({})).toBe(5);
      expect(await gadgets.count({ count: 5 })).toBe(2);
      expect(await gadgets.count({ key: 'nope' })).toBe(0);
    });

    it('updates one document with $set, $inc, $push and $unset', async () => {
      await seed();
      const result = await gadgets.updateOne(
        { key: 'c' },
        { $set: { meta: { colour: 'green' }, seenAt: day(9) }, $inc: { count: 2 }, $push: { tags: 'new' }, $unset: { owner: true } },
      );
      expect(result).toEqual({ matched: 1, upserted: false });
      expect(await gadgets.findOne({ key: 'c' })).toEqual({ key: 'c', count: 5, seenAt: day(9), tags: ['new'], meta: { colour: 'green' } });

      expect(await gadgets.updateOne({ count: 5 }, { $inc: { count: 1 } })).toEqual({ matched: 1, upserted: false });
      expect(await gadgets.count({ count: 6 })).toBe(1);
      expect(await gadgets.updateOne({ key: 'nope' }, { $set: { count: 1 } })).toEqual({ matched: 0, upserted: false });
      expect(await gadgets.count({})).toBe(5);
    });

    it('upserts from the filter fields, the update and the schema defaults', async () => {
      expect(await gadgets.updateOne({ key: 'fresh' }, { $set: { meta: { colour: 'red' } } }, { upsert: true })).toEqual({ matched: 0, upserted: true });
      expect(await gadgets.findOne({ key: 'fresh' })).toMatchObject({ key: 'fresh', count: 0, meta: { colour: 'red' } });

      expect(await gadgets.updateOne({ key: 'counter' }, { $inc: { count: 2 } }, { upsert: true })).toEqual({ matched: 0, upserted: true });
      expect(await gadgets.updateOne({ key: 'counter' }, { $inc: { count: 2 } }, { upsert: true })).toEqual({ matched: 1, upserted: false });
      expect((await gadgets.findOne({ key: 'counter' }))!.count).toBe(4);
      expect(await gadgets.count({})).toBe(2);
    });

    it('validates the paths an update sets and leaves the document as it was', async () => {
      await seed();
      await expect(gadgets.updateOne({ key: 'a' }, { $set: { count: -3 } })).rejects.toThrow(/count/);
      expect((await gadgets.findOne({ key: 'a' }))!.count).toBe(1);
    });

    it('raises DuplicateKeyError on unique and compound unique clashes, by insert or update', async () => {
      await seed();
      const clash = (promise: Promise<unknown>) => expect(promise).rejects.toBeInstanceOf(DuplicateKeyError);
      await clash(gadgets.insertOne({ key: 'a' }));
      await clash(gadgets.insertOne({ key: 'z', owner: 'ann', slot: 1 }));
      await clash(gadgets.updateOne({ key: 'd' }, { $set: { owner: 'ann' } }));
      await clash(gadgets.updateOne({ key: 'other' }, { $set: { owner: 'bob', slot: 1 } }, { upsert: true }));
      await expect(gadgets.insertOne({ key: 'a' })).rejects.toMatchObject({ collection: 'contract_gadgets' });
      // The same owner with another slot, or another owner with the same slot, is no clash.
      await gadgets.insertOne({ key: 'y', owner: 'ann', slot: 3 });
      await gadgets.insertOne({ key: 'z', owner: 'cid', slot: 1 });
      expect(await gadgets.count({})).toBe(7);
      expect((await gadgets.findOne({ key: 'd' }))!.owner).toBe('bob');
    });

    it('matches one array element on all conditions with $elemMatch, and adds a sub-document once with $addToSet', async () => {
      const kits = store.collection(kitModel);
      await kits.deleteMany({});
      await kits.insertOne({ key: 'k1', parts: [{ maker: 'acme', serial: '1' }, { maker: 'bolt', serial: '2' }] });
      await kits.insertOne({ key: 'k2', parts: [{ maker: 'acme', serial: '2' }] });
      const byPart = async (maker: string, serial: string) => (await kits.find({ parts: { $elemMatch: { maker, serial } } })).map((kit) => kit.key);
      expect(await byPart('acme', '2')).toEqual(['k2']);
      expect(await byPart('bolt', '2')).toEqual(['k1']);
      // The conditions hold of one element: acme's part 1 and bolt's part 2 are not "acme 2".
      expect(await byPart('bolt', '1')).toEqual([]);

      const part = { maker: 'cog', serial: '3' };
      expect(await kits.updateOne({ key: 'k2' }, { $addToSet: { parts: part } })).toEqual({ matched: 1, upserted: false });
      expect(await kits.updateOne({ key: 'k2' }, { $addToSet: { parts: { ...part } } })).toEqual({ matched: 1, upserted: false });
      expect((await kits.findOne({ key: 'k2' }))!.parts).toEqual([{ maker: 'acme', serial: '2' }, part]);
      expect(await byPart('cog', '3')).toEqual(['k2']);
      await expect(kits.updateOne({ key: 'k2' }, { $addToSet: { parts: { maker: 'nut' } } })).rejects.toThrow(/serial/);
    });

    it('findOneAndDelete removes and returns the first match by sort, or null', async () => {
      await seed();
      const first = await gadgets.findOneAndDelete({ count: { $gte: 3 } }, { sort: { count: 1 } });
      expect(first).toMatchObject({ key: 'c', count: 3 });
      expectNoStoreFields(first);
      expect(await gadgets.findOne({ key: 'c' })).toBeNull();
      expect(await gadgets.findOneAndDelete({ key: 'nope' })).toBeNull();
    });

    it('findOneAndDelete hands each document to exactly one of many concurrent callers', async () => {
      const total = 20;
      for (let i = 0; i < total; i += 1) await gadgets.insertOne({ key: `job-${String(i).padStart(2, '0')}`, count: i });
      const taken = await Promise.all(Array.from({ length: 30 }, () => gadgets.findOneAndDelete({}, { sort: { count: 1 } })));
      const got = taken.filter((doc): doc is Gadget => doc !== null).map((doc) => doc.key);
      expect(got).toHaveLength(total);
      expect(new Set(got).size).toBe(total);
      expect(await gadgets.count({})).toBe(0);
    });

    it('deleteOne and deleteMany report what they removed', async () => {
      await seed();
      expect(await gadgets.deleteOne({ count: 5 })).toBe(true);
      expect(await gadgets.count({ count: 5 })).toBe(1);
      expect(await gadgets.deleteOne({ key: 'nope' })).toBe(false);
      expect(await gadgets.deleteMany({ count: { $lt: 9 } })).toBe(3);
      expect(keys(await gadgets.find({}))).toEqual(['e']);
      expect(await gadgets.deleteMany({})).toBe(1);
    });

    it('gives the same collection for the same model, pings, and refuses calls once closed', async () => {
      await gadgets.insertOne({ key: 'shared' });
      expect(await store.collection(gadgetModel).count({ key: 'shared' })).toBe(1);
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await expect(gadgets.findOne({ key: 'shared' })).rejects.toThrow(/closed/);
      await expect(store.ping()).rejects.toThrow(/closed/);
    });
  });
}
