import { readFileSync } from 'fs';
import { join } from 'path';

/** This library's version, from its package.json (lib/private/ → the package root); undefined if unreadable. */
export function packageVersion(): string | undefined {
  try {
    return JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}
