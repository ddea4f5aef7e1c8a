// The tool's name and version as reports print them, from the package's own package.json.

import { readFileSync } from 'node:fs';

/** The nearest package.json above this module: the repository's or the installed package's. */
function packageVersion(): string {
  for (let dir = new URL('.', import.meta.url); ; dir = new URL('..', dir)) {
    try {
      return (JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { version: string }).version;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dir.pathname === '/') throw error;
    }
  }
}

export const VERSION = packageVersion();
export const TOOL = `costcurve ${VERSION}`;
