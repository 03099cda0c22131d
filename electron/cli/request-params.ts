// A command's flags as the contract's request parameters, checked by that request's own schema:
// the command line accepts what the engine accepts, and a flag error is the schema's, said in
// the command line's words (the flag, what it takes, what was written).
import type { z } from 'zod';
import { requestSchemas, type RequestName } from '@shared/contract';
import { UsageError } from './usage-error';

type Issue = z.core.$ZodIssue;

/** A parameter's flag in words: what it must be, said for an issue at that parameter (the
 *  first step of the issue's path); a parameter without words is said as `path: message`. */
export type FlagWords = Record<string, string | ((issue: Issue) => string)>;

/** `params` as `schema` reads them, or a usage error that says every flag it refused, once. */
export function checkedFlags<S extends z.ZodType>(schema: S, params: unknown, words: FlagWords = {}): z.output<S> {
  const parsed = schema.safeParse(params);
  if (parsed.success) return parsed.data;
  const said = new Set<string>();
  for (const issue of parsed.error.issues) {
    const word = words[String(issue.path[0])];
    said.add(word === undefined ? `${issue.path.join('.') || 'options'}: ${issue.message}` : typeof word === 'string' ? word : word(issue));
  }
  throw new UsageError([...said].join('; '));
}

/** A request's parameters from a command's flags, checked by the request's schema. */
export function requestFromFlags<N extends RequestName>(name: N, params: unknown, words: FlagWords = {}): z.output<(typeof requestSchemas)[N]> {
  return checkedFlags(requestSchemas[name], params, words) as z.output<(typeof requestSchemas)[N]>;
}

/** A flag's number: text only becomes a number here, the schema says which numbers it takes. */
export const flagNumber = (text: string | undefined): number | undefined => (text === undefined ? undefined : text.trim() === '' ? Number.NaN : Number(text));
