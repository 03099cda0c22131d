// Secrets for the command line without the command line: a flag's value is visible to every
// user of the machine in `ps`, so passwords may also come from a file or an environment variable.

/** The environment variable that holds the password for `connect`. */
export const PASSWORD_ENV = 'MQTTSCOPE_PASSWORD';
/** The environment variable that holds the broker's users, one NAME:PASSWORD a line. */
export const USERS_ENV = 'MQTTSCOPE_BROKER_USERS';

/** A password file holds the password on its first line. */
export function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0];
}

/** NAME:PASSWORD lines (blank lines and # comments skipped), as `--user` takes them. */
export function userLines(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
}
