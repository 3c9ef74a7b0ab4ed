import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import mongoose from 'mongoose';
import type { DocumentStore } from '../../src/stores/document-store';
import { MongoDocumentStore } from '../../src/stores/mongo-document-store';
import { NedbDocumentStore } from '../../src/stores/nedb-document-store';

/**
 * Opens a store; `share` opens a second one over the same data, as a second process would
 * (null where the backend has a single user: the embedded files belong to one process).
 */
export interface DocumentBackend {
  name: string;
  open(): Promise<{ store: DocumentStore; share: (() => Promise<DocumentStore>) | null }>;
}

/**
 * Every document-store backend available to this run: the embedded one on disk, and MongoDB
 * when `MONGODB_URI` is set (one database per test file, dropped afterwards). Registers the
 * jest hooks that clean up, so call it at the top level of a test file.
 */
export function documentBackends(): DocumentBackend[] {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  const backends: DocumentBackend[] = [
    {
      name: 'embedded',
      async open() {
        const dir = await mkdtemp(path.join(os.tmpdir(), 'lianluo-nedb-'));
        dirs.push(dir);
        return { store: new NedbDocumentStore(dir), share: null };
      },
    },
  ];
  const uri = process.env.MONGODB_URI;
  if (uri) {
    let run = 0;
    const dbNames: string[] = [];
    backends.push({
      name: 'MongoDB',
      async open() {
        const dbName = `lianluo_test_${process.pid}_${Date.now()}_${(run += 1)}`;
        dbNames.push(dbName);
        return { store: await MongoDocumentStore.connect(uri, { dbName }), share: () => MongoDocumentStore.connect(uri, { dbName }) };
      },
    });
    afterAll(async () => {
      const connection = await mongoose.createConnection(uri).asPromise();
      for (const dbName of dbNames) await connection.useDb(dbName).dropDatabase();
      await connection.close();
    });
  }
  return backends;
}
