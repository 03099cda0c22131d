// Files the OS hands the app to open — on Windows and Linux as command-line arguments (a double
// click on a saved trace, or a second launch), on macOS through `open-file` — picked by their
// extension: the ones the packages associate, and the captures the Open button reads too.
import { statSync } from 'node:fs';
import path from 'node:path';

export const TRACE_EXTENSIONS = ['.mqtrace', '.pcapng', '.pcap', '.cap'];
export const PROFILES_EXTENSION = '.mqttprofiles';
const OPENABLE = [...TRACE_EXTENSIONS, PROFILES_EXTENSION];

export function isOpenable(file: string): boolean {
  return OPENABLE.includes(path.extname(file).toLowerCase());
}

/** The existing files among command-line arguments, as absolute paths; options and the app's
 *  own path (`.`, the executable) are not files to open. */
export function filesToOpen(args: readonly string[], cwd: string): string[] {
  return args
    .filter((arg) => !arg.startsWith('-') && isOpenable(arg))
    .map((arg) => path.resolve(cwd, arg))
    .filter((file) => statSync(file, { throwIfNoEntry: false })?.isFile() ?? false);
}
