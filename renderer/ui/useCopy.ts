// Copying text to the clipboard with its outcome said where the person looks: "Copied …", or
// why it could not be. The text is made when asked (it may need the engine).
import { useEffect, useState } from 'react';

/** How long "Copied" stays (here and in a connection's action note). */
export const COPIED_SHOWN_MS = 4_000;

export interface CopyStatus {
  text: string;
  ok: boolean;
}

export function useCopy() {
  const [status, setStatus] = useState<CopyStatus>();
  useEffect(() => {
    if (!status?.ok) return;
    const timer = setTimeout(() => setStatus(undefined), COPIED_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [status]);

  async function copy(what: string, make: () => string | Promise<string>): Promise<void> {
    setStatus(await copyToClipboard(what, make));
  }
  return { status, copy };
}

/** Copies the text made, and says what came of it. */
export async function copyToClipboard(what: string, make: () => string | Promise<string>): Promise<CopyStatus> {
  try {
    const text = await make();
    if (!navigator.clipboard) throw new Error('the clipboard is not available here');
    await navigator.clipboard.writeText(text);
    return { text: `Copied ${what}.`, ok: true };
  } catch (error) {
    return { text: `Could not copy ${what}: ${(error as Error).message}`, ok: false };
  }
}
