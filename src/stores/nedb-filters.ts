/**
 * Where nedb's query language differs from MongoDB's: filters and updates are rewritten here
 * so the embedded store answers as MongoDB would (nedb-document-store.ts uses them).
 */

type Doc = Record<string, unknown>;

function isOperators(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || value instanceof Date || value instanceof RegExp) return false;
  return Object.keys(value).some((key) => key.startsWith('$'));
}

function equals(field: string, value: unknown): Doc {
  // MongoDB's `{ f: null }` also matches documents without `f`; nedb's does not.
  return value === null ? { $or: [{ [field]: null }, { [field]: { $exists: false } }] } : { [field]: value };
}

/**
 * Rewrites a cast filter where nedb's matcher differs from MongoDB's: nedb has no `$eq`; its
 * `$ne` and `$nin` on an array field hold when some element differs, MongoDB's when none equals.
 */
export function toNedb(filter: Doc): Doc {
  const out: Doc = {};
  const and: Doc[] = [];
  for (const [field, value] of Object.entries(filter)) {
    if (field === '$or') out.$or = (value as Doc[]).map(toNedb);
    else if (field === '$and') and.push(...(value as Doc[]).map(toNedb));
    else if (value === null) and.push(equals(field, null));
    else if (!isOperators(value)) out[field] = value;
    else {
      const kept: Doc = {};
      for (const [op, operand] of Object.entries(value)) {
        if (op === '$eq') and.push(equals(field, operand));
        else if (op === '$ne') and.push({ $not: equals(field, operand) });
        else if (op === '$nin') and.push({ $not: toNedb({ [field]: { $in: operand } }) });
        else if (op === '$in' && (operand as unknown[]).includes(null)) and.push({ $or: (operand as unknown[]).map((v) => equals(field, v)) });
        else kept[op] = operand;
      }
      if (Object.keys(kept).length > 0) out[field] = kept;
    }
  }
  if (and.length > 0) out.$and = and;
  return out;
}

/** The fields an upsert copies from its filter: plain and `$eq` equalities, also inside `$and`. */
export function equalities(filter: Doc): Doc {
  const fields: Doc = {};
  for (const [field, value] of Object.entries(filter)) {
    if (field === '$and') for (const clause of value as Doc[]) Object.assign(fields, equalities(clause));
    else if (field.startsWith('$')) continue;
    else if (!isOperators(value)) fields[field] = value;
    else if ('$eq' in value) fields[field] = value.$eq;
  }
  return fields;
}

/** The paths mongoose's update validators check on MongoDB (`$inc` is not one of them). */
export function updatedPaths(update: Doc): string[] {
  return ['$set', '$unset', '$push', '$addToSet', '$pull'].flatMap((op) => Object.keys((update[op] as Doc | undefined) ?? {}));
}
