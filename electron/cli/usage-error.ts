// A command line that cannot be read: the message says what to write instead.
export class UsageError extends Error {}
