/** Loads the push fixtures in test/fixtures/pushes, and the made-up ids they use. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The account's original id in every fixture (`gh_` + 12 hex). */
export const ORIGINAL_ID = 'gh_3a7f9c21b04e';
/** The follower's openID in every fixture (28 characters, `o` + base64url). */
export const OPEN_ID = 'oLq3Vx9KfT2mWc8RbZ1nHd5YsJ0u';

const DIRECTORY = join(__dirname, '..', 'fixtures', 'pushes');

/** The raw XML of `test/fixtures/pushes/<name>.xml`. */
export function readPushFixture(name: string): string {
  return readFileSync(join(DIRECTORY, `${name}.xml`), 'utf8');
}
