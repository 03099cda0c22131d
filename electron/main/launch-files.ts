// Files the OS hands the app to open — on Windows and Linux as command-line arguments (a double
// click on a saved trace, or a second launch), on macOS through `open-file` — picked by their
// extension: the ones the packages associate, and the captures the Open button reads too.
import { statSync } from 'node:fs';
import path from 'node:path';
import { isOpenableName } from '@shared/model/file-kinds';

export { PROFILES_EXTENSION, TRACE_EXTENSIONS } from '@shared/model/file-kinds';

/** The existing files among command-line arguments, as absolute paths; options and the app's
 *  own path (`.`, the executable) are not files to open. */
export function filesToOpen(args: readonly string[], cwd: string): string[] {
  return args
    .filter((arg) => !arg.startsWith('-') && isOpenableName(arg))
    .map((arg) => path.resolve(cwd, arg))
    .filter((file) => statSync(file, { throwIfNoEntry: false })?.isFile() ?? false);
}
