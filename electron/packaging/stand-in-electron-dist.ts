// A stand-in for an unpacked Electron distribution, enough for electron-builder's `dir` target
// to copy and rename: the real one cannot be downloaded here, and the check is about what we
// put in the package, not about Electron's own files.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The fuse sentinel, the wire's version (1), its length, then each fuse as Electron ships it. */
export const STAND_IN_FUSE_WIRE = Buffer.concat([Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 8]), Buffer.from('10110001')]);

export function makeStandInElectronDist(dir: string, electronVersion: string): string {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  // electronLanguages keeps en-US and removes the other locales: there must be some to sort.
  mkdirSync(path.join(dir, 'locales'), { recursive: true });
  for (const locale of ['en-US', 'de']) writeFileSync(path.join(dir, 'locales', `${locale}.pak`), '');
  const executable = path.join(dir, 'electron');
  // After the script, as in Electron's binary: the fuse wire behind its sentinel, with Electron's
  // own defaults (run as Node, NODE_OPTIONS, --inspect and file:// privileges on), for
  // electron-builder to flip and the check to read back.
  writeFileSync(executable, Buffer.concat([Buffer.from('#!/bin/sh\necho "a stand-in for Electron: it does not run the app" >&2\nexit 1\n'), STAND_IN_FUSE_WIRE]));
  chmodSync(executable, 0o755);
  writeFileSync(path.join(dir, 'version'), electronVersion);
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in\n');
  writeFileSync(path.join(dir, 'LICENSES.chromium.html'), '<p>stand-in</p>\n');
  return dir;
}
