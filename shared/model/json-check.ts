// Where a JSON text first goes wrong, by line and column, in the same words in every browser and
// in Node (JSON.parse's messages differ between engines and some give no position at all).
// A strict reader of RFC 8259: one value, nothing after it but white space.

export interface JsonProblem {
  message: string;
  line: number;
  column: number;
}

/** Arrays and objects nested deeper than this are refused, not checked: the reader recurses,
 *  and a megabyte of `[` would overflow the stack. */
export const MAX_JSON_DEPTH = 1000;

class Reader {
  index = 0;
  depth = 0;
  constructor(readonly text: string) {}

  fail(what: string): never {
    const before = this.text.slice(0, this.index);
    const line = before.split('\n').length;
    const column = this.index - before.lastIndexOf('\n');
    throw Object.assign(new Error(what), { line, column });
  }

  unexpected(): never {
    if (this.index >= this.text.length) this.fail('Unexpected end of JSON');
    this.fail(`Unexpected token “${String.fromCodePoint(this.text.codePointAt(this.index)!)}”`);
  }

  skipSpace(): void {
    while (/[ \t\n\r]/.test(this.text[this.index] ?? '')) this.index++;
  }

  expect(char: string): void {
    if (this.text[this.index] !== char) this.unexpected();
    this.index++;
  }

  value(): void {
    this.skipSpace();
    const char = this.text[this.index];
    if (char === '{' || char === '[') {
      if (++this.depth > MAX_JSON_DEPTH) this.fail(`Nested deeper than ${MAX_JSON_DEPTH} levels`);
      if (char === '{') this.object();
      else this.array();
      this.depth--;
      return;
    }
    if (char === '"') return this.string();
    if (char === '-' || (char >= '0' && char <= '9')) return this.number();
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.index)) {
        this.index += word.length;
        return;
      }
    }
    this.unexpected();
  }

  object(): void {
    this.expect('{');
    this.skipSpace();
    if (this.text[this.index] === '}') {
      this.index++;
      return;
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.index] !== '"') this.unexpected();
      this.string();
      this.skipSpace();
      this.expect(':');
      this.value();
      this.skipSpace();
      if (this.text[this.index] === '}') {
        this.index++;
        return;
      }
      this.expect(',');
    }
  }

  array(): void {
    this.expect('[');
    this.skipSpace();
    if (this.text[this.index] === ']') {
      this.index++;
      return;
    }
    for (;;) {
      this.value();
      this.skipSpace();
      if (this.text[this.index] === ']') {
        this.index++;
        return;
      }
      this.expect(',');
    }
  }

  string(): void {
    this.expect('"');
    for (;;) {
      const char = this.text[this.index];
      if (char === undefined) this.unexpected();
      if (char === '"') {
        this.index++;
        return;
      }
      if (char < ' ') this.fail('A control character must be escaped inside a string');
      if (char === '\\') {
        this.index++;
        const escape = this.text[this.index];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.index + 1, this.index + 5))) this.fail('\\u needs four hex digits');
          this.index += 5;
          continue;
        }
        if (escape === undefined || !'"\\/bfnrt'.includes(escape)) this.fail('Not an escape JSON knows');
      }
      this.index++;
    }
  }

  number(): void {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(this.text.slice(this.index));
    if (!match) this.unexpected();
    this.index += match[0].length;
  }
}

/** Undefined when the text is one JSON value; otherwise where and how it first goes wrong. */
export function findJsonProblem(text: string): JsonProblem | undefined {
  const reader = new Reader(text);
  try {
    reader.value();
    reader.skipSpace();
    if (reader.index < text.length) reader.unexpected();
    return undefined;
  } catch (error) {
    const { message, line, column } = error as Error & { line: number; column: number };
    return { message: `${message} at line ${line} column ${column}`, line, column };
  }
}
