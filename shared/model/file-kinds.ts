// The files the app opens, by their extension: its own saved traces and the captures it reads,
// and its profiles export. The desktop host (the OS's files, its Open dialog) and the page's
// Open button and drop read the same list.

/** Saved traces (`.mqtrace`, what Save writes) and the captures read beside them. */
export const TRACE_EXTENSIONS = ['.mqtrace', '.pcapng', '.pcap', '.cap'] as const;
/** What Export writes in Profiles. */
export const PROFILES_EXTENSION = '.mqttprofiles';
/** The trace store's own files (`<id>.trace`), for one picked from its folder. */
const STORE_TRACE_EXTENSION = '.trace';

export type FileKind = 'trace' | 'profiles';

const extensionOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
};

/** A profiles export by its name; anything else is offered to the engine as a trace, which reads
 *  it by its bytes. */
export function fileKind(name: string): FileKind {
  return extensionOf(name) === PROFILES_EXTENSION ? 'profiles' : 'trace';
}

/** A file the OS may hand the app to open. */
export function isOpenableName(name: string): boolean {
  const extension = extensionOf(name);
  return extension === PROFILES_EXTENSION || (TRACE_EXTENSIONS as readonly string[]).includes(extension);
}

/** The page's Open file… picker: every file the app opens. */
export const OPEN_FILE_ACCEPT = [...TRACE_EXTENSIONS, STORE_TRACE_EXTENSION, PROFILES_EXTENSION].join(',');
