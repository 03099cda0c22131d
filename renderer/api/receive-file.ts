// Sessions saved as one file (a trace or pcapng): the engine writes it, the page reads it back in
// `files.read` parts until done, and holds it as a Blob to save.
import type { EngineApi, RequestParams } from '@shared/contract';
import { MAX_PARTS } from '../limits';


export interface ReceivedFile {
  blob: Blob;
  name: string;
}

export async function receiveExport(api: EngineApi, params: RequestParams<'sessions.export'>): Promise<ReceivedFile> {
  const { download, name, size } = await api.request('sessions.export', params);
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let offset = 0;
  for (let count = 0; count < MAX_PARTS; count++) {
    const answer = await api.request('files.read', { download, offset });
    const bytes = Uint8Array.from(atob(answer.part), (char) => char.charCodeAt(0));
    parts.push(bytes);
    offset += bytes.length;
    if (answer.done) {
      if (offset !== size) throw new Error(`The saved file came back as ${offset} bytes of ${size}`);
      return { blob: new Blob(parts, { type: 'application/octet-stream' }), name };
    }
    if (bytes.length === 0) throw new Error('The saved file stopped coming before its end');
  }
  throw new Error('The saved file did not end');
}
