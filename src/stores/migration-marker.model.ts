import { Schema } from 'mongoose';
import type { ModelDefinition } from './document-store';

/** A one-time task done for good (a data migration): written once it has finished. */
export interface MigrationMarker {
  name: string;
  doneAt: Date;
  /** How many records the task went through, for the log and the curious. */
  count: number;
}

const schema = new Schema<MigrationMarker>(
  {
    name: { type: String, required: true },
    doneAt: { type: Date, required: true },
    count: { type: Number, required: true, min: 0 },
  },
  { versionKey: false },
);
schema.index({ name: 1 }, { unique: true });

export const migrationMarkerModel: ModelDefinition<MigrationMarker> = { name: 'migrations', schema };
