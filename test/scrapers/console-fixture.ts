import { readFileSync } from 'node:fs';
import path from 'node:path';

const dir = path.join(__dirname, '..', 'fixtures', 'console');

/** A saved console page or answer from test/fixtures/console, as text. */
export function consoleFixture(name: string): string {
  return readFileSync(path.join(dir, name), 'utf8');
}
