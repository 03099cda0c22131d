// JSON paths as a plot names a field: `temp`, `sensor.values[0]`, `a.b`, and `["odd key"]` for a
// key that is not a plain word. Reading one is total: a path that cannot be read gives undefined,
// and a value without it gives MISSING.
import { MAX_NUMERIC_PATHS, MAX_PATH_DEPTH } from '../../limits';

export type PathStep = string | number;

/** What a value holds at a path it does not have. */
export const MISSING = Symbol('missing');


const PLAIN_KEY = /^[^.[\]"\s]+$/;
const FIRST_KEY = /[^.[\]"\s]+/y;
const NEXT_KEY = /\.([^.[\]"\s]+)/y;
const INDEX = /\[(\d+)\]/y;
const QUOTED_KEY = /\[("(?:[^"\\]|\\.)*")\]/y;

export function parsePath(path: string): PathStep[] | undefined {
  const steps: PathStep[] = [];
  let at = 0;
  const take = (pattern: RegExp): RegExpExecArray | null => {
    pattern.lastIndex = at;
    const match = pattern.exec(path);
    if (match) at = pattern.lastIndex;
    return match;
  };
  while (at < path.length) {
    let match: RegExpExecArray | null;
    if ((match = take(INDEX))) steps.push(Number(match[1]));
    else if ((match = take(QUOTED_KEY))) {
      try {
        steps.push(JSON.parse(match[1]) as string);
      } catch {
        return undefined;
      }
    } else if (steps.length === 0 && (match = take(FIRST_KEY))) steps.push(match[0]);
    else if (steps.length > 0 && (match = take(NEXT_KEY))) steps.push(match[1]);
    else return undefined;
  }
  return steps.length > 0 ? steps : undefined;
}

export function formatPath(steps: readonly PathStep[]): string {
  return steps
    .map((step, at) => {
      if (typeof step === 'number') return `[${step}]`;
      if (!PLAIN_KEY.test(step)) return `[${JSON.stringify(step)}]`;
      return at === 0 ? step : `.${step}`;
    })
    .join('');
}

export function valueAt(value: unknown, steps: readonly PathStep[]): unknown {
  let current = value;
  for (const step of steps) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, step)) return MISSING;
    current = (current as Record<PathStep, unknown>)[step];
  }
  return current;
}

/** The paths of the finite numbers in a value, in document order. */
export function numericPaths(value: unknown, limit = MAX_NUMERIC_PATHS): string[] {
  const found: string[] = [];
  const walk = (node: unknown, steps: PathStep[]): void => {
    if (found.length >= limit) return;
    if (typeof node === 'number') {
      if (Number.isFinite(node) && steps.length > 0) found.push(formatPath(steps));
      return;
    }
    if (node === null || typeof node !== 'object' || steps.length >= MAX_PATH_DEPTH) return;
    if (Array.isArray(node)) node.forEach((item, index) => walk(item, [...steps, index]));
    else for (const [key, item] of Object.entries(node)) walk(item, [...steps, key]);
  };
  walk(value, []);
  return found;
}
