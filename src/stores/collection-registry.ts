import type { Schema } from 'mongoose';
import type { ModelDefinition } from './document-store';

/**
 * One collection object per name, per store: the same definition gets the same collection, and
 * a second schema under a taken name is refused (two models writing one collection differently
 * would corrupt it).
 */
export class CollectionRegistry<C extends { schema: Schema<Record<string, unknown>> }> {
  private readonly byName = new Map<string, C>();

  /** @throws Error when the name is already used with another schema. */
  getOrCreate(definition: ModelDefinition<unknown>, create: (name: string, schema: Schema<Record<string, unknown>>) => C): C {
    const { name } = definition;
    const schema = definition.schema as unknown as Schema<Record<string, unknown>>;
    const existing = this.byName.get(name);
    if (existing?.schema === schema) return existing;
    if (existing) throw new Error(`collection ${name} is already defined with another schema`);
    const collection = create(name, schema);
    this.byName.set(name, collection);
    return collection;
  }

  values(): C[] {
    return [...this.byName.values()];
  }
}
