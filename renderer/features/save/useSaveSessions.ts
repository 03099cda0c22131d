// Saving sessions as a file: the engine writes it (a trace, or pcapng for Wireshark), the page
// reads it back and hands it to the browser's download, and says what it saved.
import { useState } from 'react';
import { receiveExport } from '../../api/receive-file';
import { useStore } from '../../store';
import { downloadBlob } from '../../ui/download';
import { formatBytes } from '../../ui/format';

export type SaveFormat = 'trace' | 'pcapng';

export function useSaveSessions() {
  const api = useStore((state) => state.api);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; ok: boolean }>();

  async function save(ids: string[], format: SaveFormat, includeSecrets = false): Promise<void> {
    if (!api || ids.length === 0) return;
    setBusy(true);
    setStatus(undefined);
    try {
      const { blob, name } = await receiveExport(api, { ids, format, ...(includeSecrets ? { includeSecrets } : {}) });
      downloadBlob(blob, name);
      setStatus({ text: `Saved ${name} (${formatBytes(blob.size)}).`, ok: true });
    } catch (error) {
      setStatus({ text: `Could not save: ${(error as Error).message}`, ok: false });
    } finally {
      setBusy(false);
    }
  }
  return { busy, status, save, ready: api !== undefined };
}
