// Where a JSON text first goes wrong, by line and column, in the same words in every browser and
// in Node (JSON.parse's messages differ between engines and some give no position at all). The
// reading is the payload viewer's strict RFC 8259 reader (shared/payload/json-reader.ts).
import { JsonSyntaxError, readJson } from '../payload/json-reader';
import { MAX_JSON_DEPTH } from '../limits';

export interface JsonProblem {
  message: string;
  line: number;
  column: number;
}

/** Undefined when the text is one JSON value; otherwise where and how it first goes wrong. */
export function findJsonProblem(text: string): JsonProblem | undefined {
  try {
    readJson(text, { maxDepth: MAX_JSON_DEPTH });
    return undefined;
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { message: error.message, line: error.line, column: error.column };
  }
}
