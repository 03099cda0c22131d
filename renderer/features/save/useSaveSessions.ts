// Saving sessions as a file: the engine writes it (a trace, or pcapng for Wireshark), the page
// reads it back and hands it to the browser's download, and says what it saved.
import { useState } from 'react';
import type { EngineApi } from '@shared/contract';
import { receiveExport } from '../../api/receive-file';
import { useStore } from '../../store';
import { downloadBlob } from '../../ui/download';
import { formatBytes } from '../../ui/format';

export type SaveFormat = 'trace' | 'pcapng';

export interface SaveOutcome {
  text: string;
  ok: boolean;
}

/** Saves the sessions as one file handed to the browser's download; what came of it in words. */
export async function saveSessions(api: EngineApi, ids: string[], format: SaveFormat, includeSecrets = false): Promise<SaveOutcome> {
  try {
    const { blob, name } = await receiveExport(api, { ids, format, ...(includeSecrets ? { includeSecrets } : {}) });
    downloadBlob(blob, name);
    return { text: `Saved ${name} (${formatBytes(blob.size)}).`, ok: true };
  } catch (error) {
    return { text: `Could not save: ${(error as Error).message}`, ok: false };
  }
}

export function useSaveSessions() {
  const api = useStore((state) => state.api);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<SaveOutcome>();

  async function save(ids: string[], format: SaveFormat, includeSecrets = false): Promise<void> {
    if (!api || ids.length === 0) return;
    setBusy(true);
    setStatus(undefined);
    setStatus(await saveSessions(api, ids, format, includeSecrets));
    setBusy(false);
  }
  return { busy, status, save, ready: api !== undefined };
}
