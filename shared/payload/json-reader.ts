// A payload's JSON read into plain values with every number as it was sent: JSON.parse writes
// 51.0 back as 51, 1e3 as 1000, -0 as 0, and 12345678901234567890 with its last digits lost.
// A number whose text a JS number would not write back the same way keeps that text.
// A strict reader of RFC 8259 (one value, nothing after it but white space), a loop with its own
// stack rather than recursion, so JSON nested deeper than the call stack still reads.
//
// Why not JSON.parse with a reviver reading `context.source` (Chrome 114, V8 11.4)? Node 20,
// where the engine and the unit tests run, does not pass it; and a reviver calls back into JS
// for every value anyway, so it would not be much faster than reading the text here.
import { NumberAsSent, putOwn, type PlainValue } from './plain-value';

export interface JsonReadOptions {
  /** Arrays and objects nested deeper than this are refused. */
  maxDepth?: number;
}

/** What went wrong and where: `index` counts UTF-16 units; `line` and `column` count from 1. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly problem: string,
    readonly index: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${problem} at line ${line} column ${column}`);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
/** What a string's text may not hold as it is: a backslash starts an escape, a control character must be one. */
const NOT_PLAIN = /[\\\u0000-\u001f]/;
const LITERALS = { t: ['true', true], f: ['false', false], n: ['null', null] } as const;

type Open = { items: PlainValue[] } | { object: Record<string, PlainValue>; key: string };

/** Reads one JSON value; throws JsonSyntaxError where the text first stops being JSON. */
export function readJson(text: string, options: JsonReadOptions = {}): PlainValue {
  const maxDepth = options.maxDepth ?? Infinity;
  let at = 0;
  const open: Open[] = [];

  const fail = (problem: string): never => {
    const before = text.slice(0, at);
    const lineStart = before.lastIndexOf('\n');
    throw new JsonSyntaxError(problem, at, before.split('\n').length, at - lineStart);
  };
  const unexpected = (): never => (at >= text.length ? fail('Unexpected end of JSON') : fail(`Unexpected token “${String.fromCodePoint(text.codePointAt(at)!)}”`));
  const skipSpace = () => {
    for (let code = text.charCodeAt(at); code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09; code = text.charCodeAt(at)) at++;
  };
  const expect = (char: string) => {
    if (text[at] !== char) unexpected();
    at++;
  };

  function string(): string {
    expect('"');
    const start = at;
    // Most strings hold no escape: found whole by the engine's own search.
    const end = text.indexOf('"', at);
    if (end >= 0 && !NOT_PLAIN.test(text.slice(start, end))) {
      at = end + 1;
      return text.slice(start, end);
    }
    let escaped = false;
    for (;;) {
      const code = text.charCodeAt(at);
      if (Number.isNaN(code)) unexpected();
      if (code === 0x22) break;
      if (code < 0x20) fail('A control character must be escaped inside a string');
      if (code === 0x5c) {
        escaped = true;
        at++;
        const escape = text[at];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) fail('\\u needs four hex digits');
          at += 4;
        } else if (escape === undefined || !'"\\/bfnrt'.includes(escape)) fail('Not an escape JSON knows');
      }
      at++;
    }
    at++;
    // Checked above: JSON.parse of the quoted text only turns its escapes into characters.
    return escaped ? (JSON.parse(text.slice(start - 1, at)) as string) : text.slice(start, at - 1);
  }

  function number(): number | NumberAsSent {
    NUMBER.lastIndex = at;
    const match = NUMBER.exec(text);
    if (!match) unexpected();
    at = NUMBER.lastIndex;
    const source = match![0];
    const value = Number(source);
    return String(value) === source ? value : new NumberAsSent(source);
  }

  function key(): string {
    skipSpace();
    if (text[at] !== '"') unexpected();
    const name = string();
    skipSpace();
    expect(':');
    return name;
  }

  for (;;) {
    // A value starts here: a scalar, an empty container, or the first item of one.
    skipSpace();
    const char = text[at];
    let value: PlainValue;
    if (char === '{' || char === '[') {
      if (open.length >= maxDepth) fail(`Nested deeper than ${maxDepth} levels`);
      at++;
      skipSpace();
      const close = char === '{' ? '}' : ']';
      if (text[at] === close) {
        at++;
        value = char === '{' ? {} : [];
      } else {
        open.push(char === '{' ? { object: {}, key: key() } : { items: [] });
        continue;
      }
    } else if (char === '"') value = string();
    else if (char === '-' || (char >= '0' && char <= '9')) value = number();
    else {
      const literal = LITERALS[char as keyof typeof LITERALS];
      if (!literal || !text.startsWith(literal[0], at)) unexpected();
      at += literal[0].length;
      value = literal[1];
    }
    // The value is whole: put it in its container, and close every container that ends here.
    for (;;) {
      const top = open.at(-1);
      if (!top) {
        skipSpace();
        if (at < text.length) unexpected();
        return value;
      }
      if ('items' in top) top.items.push(value);
      else putOwn(top.object, top.key, value);
      skipSpace();
      if (text[at] === ',') {
        at++;
        if ('object' in top) top.key = key();
        break;
      }
      expect('items' in top ? ']' : '}');
      value = 'items' in top ? top.items : top.object;
      open.pop();
    }
  }
}
