// Opens a file the OS handed the app, through the engine's own requests (so the contract
// validates it as it does the page's): a trace or capture is sent as `files.open` parts, as the
// page's Open button sends it; a profiles export goes to `profiles.import`.
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FilesOpened, WireMessage } from '@shared/contract';
import { fileKind } from '@shared/model/file-kinds';
import { MAX_PROFILES_FILE_BYTES } from '../engine/limits';
import { FILE_NAME_MAX_CHARS, FILE_PART_BYTES } from '@shared/limits';

type Answer = (message: unknown) => Promise<WireMessage>;

async function request<T>(answer: Answer, method: string, params: unknown): Promise<T> {
  const reply = await answer({ id: 0, method, params });
  if ('error' in reply) throw new Error(reply.error);
  if (!('result' in reply)) throw new Error('The engine answered with something that is not a reply');
  return reply.result as T;
}

export async function openFileInEngine(answer: Answer, file: string): Promise<FilesOpened> {
  const name = path.basename(file).slice(0, FILE_NAME_MAX_CHARS);
  const kind = fileKind(file);
  try {
    return kind === 'profiles' ? await importProfiles(answer, file, name) : await openTrace(answer, file, name);
  } catch (error) {
    return { name, kind, sessions: [], problems: [`${name} could not be opened: ${(error as Error).message}`] };
  }
}

async function openTrace(answer: Answer, file: string, name: string): Promise<FilesOpened> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const buffer = Buffer.alloc(FILE_PART_BYTES);
    let upload: string | undefined;
    for (let offset = 0; ; offset += FILE_PART_BYTES) {
      const { bytesRead } = await handle.read(buffer, 0, FILE_PART_BYTES, offset);
      const done = offset + FILE_PART_BYTES >= size || bytesRead === 0;
      const part = buffer.subarray(0, bytesRead).toString('base64');
      const result = await request<{ upload: string; sessions?: FilesOpened['sessions']; alreadyHeld?: string[]; problems?: string[] }>(answer, 'files.open', { ...(upload ? { upload } : {}), name, part, done });
      upload = result.upload;
      if (done) {
        const problems = result.problems ?? [];
        if ((result.sessions ?? []).length === 0 && problems.length === 0) problems.push(`${name} holds no session`);
        return { name, kind: 'trace', sessions: result.sessions ?? [], ...(result.alreadyHeld ? { alreadyHeld: result.alreadyHeld } : {}), problems };
      }
    }
  } finally {
    await handle.close();
  }
}

async function importProfiles(answer: Answer, file: string, name: string): Promise<FilesOpened> {
  if ((await stat(file)).size > MAX_PROFILES_FILE_BYTES) throw new Error(`a profiles export is at most ${MAX_PROFILES_FILE_BYTES / 1024 / 1024} MiB`);
  const handle = await open(file, 'r');
  let document: unknown;
  try {
    document = JSON.parse(await handle.readFile('utf8'));
  } catch {
    throw new Error('it is not JSON; nothing was imported');
  } finally {
    await handle.close();
  }
  const result = await request<{ imported: unknown[]; problems: string[] }>(answer, 'profiles.import', { document });
  return { name, kind: 'profiles', sessions: [], profiles: result.imported.length, problems: result.problems };
}
