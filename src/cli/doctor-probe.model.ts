import { Schema } from 'mongoose';
import type { ModelDefinition } from '../stores/document-store';

/**
 * A throw-away document `lianluo doctor` writes, reads back and deletes to prove the document
 * store works. Its own collection, so the check never touches the bot's data (and on the
 * embedded store, a file no running bot has open).
 */
export interface DoctorProbe {
  probe: string;
  at: Date;
}

const schema = new Schema<DoctorProbe>({ probe: { type: String, required: true }, at: { type: Date, required: true } }, { versionKey: false });

export const DoctorProbeModel: ModelDefinition<DoctorProbe> = { name: 'doctor_probes', schema };
