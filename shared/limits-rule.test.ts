// No numeric limit is written outside the limits modules (shared/limits.ts, electron/engine/limits.ts,
// renderer/limits.ts): checked on the source of shared/, electron/ and renderer/, tests aside.
//
// The rule, on code outside comments:
//  1. a named bound: `const NAME = VALUE` (exported or not, typed or not) where NAME is UPPER_SNAKE
//     with one of the words MAX, LIMIT, LIMITS, CAP, BYTES, SIZE, KEPT, KEEPS, CHARS, RANGE, and
//     VALUE is a number expression (digits, `_`, `.`, hex, arithmetic, parentheses and other
//     UPPER_SNAKE names) or an object literal of them (`{ min: 1, max: 9 }`). A constant derived
//     from limits only (`MAX_LINE_CHARS - DECODED_ROOM`) holds no number and passes.
//  2. a maximum written out: 65535, 65536, 268435455, 268435460 or 4294967295, in any `_`
//     grouping, in code or in a string; or a size in binary units (a product with 1024, or a
//     number times KIB, MIB or GIB).
//  3. 0xffff (or 0x0fffffff) used as an amount: added, subtracted, or given as a max or min.
//     Compared or masked it is 16-bit arithmetic (a checksum's fold), not a bound.
// A name of rule 1 that is a fact rather than a bound (a header's size, a drawing's font size)
// is listed in NOT_BOUNDS with the reason; an entry that no longer matches fails too.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const LIMITS_MODULES = ['shared/limits.ts', 'electron/engine/limits.ts', 'renderer/limits.ts'];

const LIMIT_WORDS = new Set(['MAX', 'LIMIT', 'LIMITS', 'CAP', 'BYTES', 'SIZE', 'KEPT', 'KEEPS', 'CHARS', 'RANGE']);
const DECLARATION = /\bconst\s+([A-Z][A-Z0-9_]*)\s*(?::[^=]+)?=\s*([^;]+)/g;
const NUMBER_EXPRESSION = /^[\s\d_.xXa-fA-F*+\-/%()<>]*$/;
const OBJECT_OF_NUMBERS = /^\{\s*(?:[A-Za-z_$][\w$]*\s*:\s*[^,{}:]+,?\s*)+\}$/;
const WRITTEN_MAXIMA = /(?<![\w.])(?:65_?535|65_?536|268_?435_?455|268_?435_?460|4_?294_?967_?295)(?![\w.])/;
const BINARY_SIZE = /(?<![\w.])1024\s*\*|\*\s*1024(?![\w.])|(?<![\w.])\d[\d_]*\s*\*\s*(?:KIB|MIB|GIB)\b|\b(?:KIB|MIB|GIB)\s*\*\s*\d/;
const HEX_AMOUNT = /[+-]\s*0x0?f{4,7}\b|\b0x0?f{4,7}\s*[+-]|\b(?:max|min|maxLength)\s*[(=]\s*\{?\s*0x0?f{4,7}\b/i;

interface Violation {
  line: number;
  rule: 'named bound' | 'written maximum' | 'binary size' | 'hex amount';
  name?: string;
  text: string;
}

function isNumberExpression(value: string): boolean {
  const numbers = value.replace(/\bas const\b/g, '').replace(/\b[A-Z][A-Z0-9_]*\b/g, ' ').trim();
  return /\d/.test(numbers) && NUMBER_EXPRESSION.test(numbers);
}

function isBoundValue(value: string): boolean {
  const trimmed = value.replace(/\bas const\b/g, '').trim();
  if (isNumberExpression(trimmed)) return true;
  if (!OBJECT_OF_NUMBERS.test(trimmed)) return false;
  return trimmed
    .slice(1, -1)
    .split(',')
    .filter((part) => part.trim())
    .every((part) => isNumberExpression(part.slice(part.indexOf(':') + 1)));
}

/** The source with its comments blanked (lines kept): a quote opens a string to the end of its
 *  line at most, so a `//` inside one is not taken for a comment. */
function withoutComments(source: string): string {
  let inBlock = false;
  return source
    .split('\n')
    .map((line) => {
      let out = '';
      let quote: string | undefined;
      for (let index = 0; index < line.length; index++) {
        const char = line[index];
        const pair = line.slice(index, index + 2);
        if (inBlock) {
          if (pair === '*/') {
            inBlock = false;
            index++;
          }
          continue;
        }
        if (quote) {
          if (char === '\\') {
            out += line.slice(index, index + 2);
            index++;
            continue;
          }
          if (char === quote) quote = undefined;
          out += char;
          continue;
        }
        if (pair === '//') break;
        if (pair === '/*') {
          inBlock = true;
          index++;
          continue;
        }
        if (char === "'" || char === '"' || char === '`') quote = char;
        out += char;
      }
      return out;
    })
    .join('\n');
}

/** Every numeric limit written in `source`, by the rule above. */
function limitViolations(source: string): Violation[] {
  const violations: Violation[] = [];
  const code = withoutComments(source);
  const lineAt = (offset: number) => code.slice(0, offset).split('\n').length;
  for (const match of code.matchAll(DECLARATION)) {
    const [whole, name, value] = match;
    if (name.split('_').some((word) => LIMIT_WORDS.has(word)) && isBoundValue(value)) {
      violations.push({ line: lineAt(match.index), rule: 'named bound', name, text: whole.trim() });
    }
  }
  code.split('\n').forEach((text, index) => {
    if (WRITTEN_MAXIMA.test(text)) violations.push({ line: index + 1, rule: 'written maximum', text: text.trim() });
    if (BINARY_SIZE.test(text)) violations.push({ line: index + 1, rule: 'binary size', text: text.trim() });
    if (HEX_AMOUNT.test(text)) violations.push({ line: index + 1, rule: 'hex amount', text: text.trim() });
  });
  return violations;
}

/** Names of rule 1 that are facts, not bounds, each with the reason. */
const NOT_BOUNDS: { file: string; name: string; why: string }[] = [
  { file: 'shared/model/plain-to-tls.ts', name: 'ANSWER_START_BYTES', why: 'a TLS record header and an alert: the bytes that say TLS' },
  { file: 'shared/payload/hex.ts', name: 'LINE_BYTES', why: 'the layout of a hex dump line' },
  { file: 'renderer/features/packet-details/hex-window.ts', name: 'HEX_ROW_BYTES', why: 'the layout of a hex dump row' },
  { file: 'renderer/features/timeline/Timeline.tsx', name: 'FONT_SIZE', why: 'drawing' },
  { file: 'electron/main/window-state.ts', name: 'DEFAULT_WINDOW_SIZE', why: 'a default, not a bound' },
  { file: 'electron/engine/broker/connack-session-present.ts', name: 'CONNACK_BYTES', why: 'a CONNACK is four bytes' },
  { file: 'electron/engine/trace-store/trace-format.ts', name: 'FILE_HEADER_SIZE', why: 'the trace format' },
  { file: 'electron/engine/trace-store/trace-format.ts', name: 'RECORD_HEADER_SIZE', why: 'the trace format' },
  { file: 'electron/engine/trace-store/columns.ts', name: 'BLOCK_SIZE', why: 'how a column is laid out in memory' },
  { file: 'electron/engine/trace-store/topic-index.ts', name: 'RETAINED_KEPT', why: 'a state code' },
];

function sourceFiles(): string[] {
  return ['shared', 'electron', 'renderer'].flatMap((dir) =>
    readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
      .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')),
  );
}

describe('the rule', () => {
  it('finds a named bound, a maximum written out, a binary size and 0xffff as an amount', () => {
    const planted = [
      'const MAX_WIDGETS = 12;',
      'export const FLUSH_BYTES: number = 4 * 1024;',
      'const STORY_KEEPS = (A_NAMED + 2) * 3;',
      'const TIMEOUT_RANGE = { min: 0.1, max: 3600 } as const;',
      "const message = 'at most 65535 bytes';",
      'if (length > 268_435_455) fail();',
      'const piece = new Uint8Array(4 * MIB);',
      'read(BEFORE + 0xffff);',
      'z.number().max(65536);',
    ].join('\n');
    expect(limitViolations(planted).map(({ line, rule }) => `${line} ${rule}`)).toEqual([
      '1 named bound',
      '2 named bound',
      '3 named bound',
      '4 named bound',
      '2 binary size',
      '5 written maximum',
      '6 written maximum',
      '7 binary size',
      '8 hex amount',
      '9 written maximum',
    ]);
  });

  it('finds a bound planted in a real source file, where it was planted', () => {
    const real = readFileSync(path.join(root, 'electron/engine/engine.ts'), 'utf8');
    const lines = real.split('\n').length;
    expect(limitViolations(real)).toEqual([]);
    expect(limitViolations(`${real}\nconst MAX_THINGS = 5;\n`)).toMatchObject([{ line: lines + 1, rule: 'named bound', name: 'MAX_THINGS' }]);
  });

  it('lets through what is not a limit written down', () => {
    const fine = [
      'const MAX_HEX_CHARS = MAX_LINE_CHARS - DECODED_ROOM;',
      "const MAX_NAME = 'longest';",
      'const WRITES_PER_BATCH = 64;',
      '// a comment may say 65535 or 1024 * 1024',
      '/* and a block comment: 4_294_967_295 */',
      "const url = 'mqtt://host:1883'; // 65535",
      'return ~sum & 0xffff;',
      'while (sum > 0xffff) fold();',
      'const later = 1655350;',
      'const BYTES_OF = (n: number) => n * 8;',
    ].join('\n');
    expect(limitViolations(fine)).toEqual([]);
  });
});

describe('no numeric limit outside the limits modules', () => {
  const files = sourceFiles();

  it('reads the source (the check can see files and the modules it exempts)', () => {
    expect(files.length).toBeGreaterThan(200);
    for (const module of LIMITS_MODULES) expect(files).toContain(module);
    // The limits modules themselves do write bounds: the check would see them.
    expect(limitViolations(readFileSync(path.join(root, 'shared/limits.ts'), 'utf8')).length).toBeGreaterThan(10);
  });

  it('finds none in shared/, electron/ and renderer/', () => {
    const found = files
      .filter((file) => !LIMITS_MODULES.includes(file))
      .flatMap((file) =>
        limitViolations(readFileSync(path.join(root, file), 'utf8'))
          .filter((violation) => !NOT_BOUNDS.some((fact) => fact.file === file && fact.name === violation.name))
          .map((violation) => `${file}:${violation.line} ${violation.rule}: ${violation.text}`),
      );
    expect(found).toEqual([]);
  });

  it('lists as facts only names that are still there', () => {
    for (const fact of NOT_BOUNDS) {
      const names = limitViolations(readFileSync(path.join(root, fact.file), 'utf8')).map((violation) => violation.name);
      expect(names, `${fact.file}: ${fact.name}`).toContain(fact.name);
    }
  });
});
