// A stand-in for an unpacked Electron distribution, enough for electron-builder's `dir` target
// to copy and rename: the real one cannot be downloaded here, and the check is about what we
// put in the package, not about Electron's own files.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function makeStandInElectronDist(dir: string, electronVersion: string): string {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  // electronLanguages keeps en-US and removes the other locales: there must be some to sort.
  mkdirSync(path.join(dir, 'locales'), { recursive: true });
  for (const locale of ['en-US', 'de']) writeFileSync(path.join(dir, 'locales', `${locale}.pak`), '');
  const executable = path.join(dir, 'electron');
  writeFileSync(executable, '#!/bin/sh\necho "a stand-in for Electron: it does not run the app" >&2\nexit 1\n');
  chmodSync(executable, 0o755);
  writeFileSync(path.join(dir, 'version'), electronVersion);
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in\n');
  writeFileSync(path.join(dir, 'LICENSES.chromium.html'), '<p>stand-in</p>\n');
  return dir;
}
