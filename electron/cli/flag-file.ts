// A file a flag names (a certificate, an ACL, a password), read whole, or a usage error that
// names the flag.
import { readFileSync } from 'node:fs';
import { UsageError } from './usage-error';

export function readFlagFile(file: string, flag: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${flag} ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
}
