// A file the person opens, carried to the engine as `files.open` parts: read a slice of
// FILE_PART_BYTES at a time and base64'd alone, so a large file is never one string in memory.
import type { EngineApi, RequestResults } from '@shared/contract';
import type { SessionSummary } from '@shared/model/session-summary';
import { toBase64 } from '@shared/payload/hex';
import { FILE_NAME_MAX_CHARS, FILE_PART_BYTES } from '@shared/limits';


/** Sends the file part by part; the engine reads it into sessions of its store. */
export async function sendFile(api: EngineApi, file: Blob & { name: string }): Promise<{ sessions: SessionSummary[]; alreadyHeld: string[]; problems: string[] }> {
  const name = file.name.slice(0, FILE_NAME_MAX_CHARS);
  let upload: string | undefined;
  for (let offset = 0; ; offset += FILE_PART_BYTES) {
    const bytes = new Uint8Array(await file.slice(offset, offset + FILE_PART_BYTES).arrayBuffer());
    const done = offset + FILE_PART_BYTES >= file.size;
    const answer: RequestResults['files.open'] = await api.request('files.open', { ...(upload ? { upload } : {}), name, part: toBase64(bytes), done });
    upload = answer.upload;
    if (done) return { sessions: answer.sessions ?? [], alreadyHeld: answer.alreadyHeld ?? [], problems: answer.problems ?? [] };
  }
}
