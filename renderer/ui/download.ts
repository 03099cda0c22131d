/** Saves a file through the browser's (or Electron's) download. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = window.document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves a JSON document through the browser's (or Electron's) download. */
export function downloadJson(document: unknown, fileName: string): void {
  downloadBlob(new Blob([JSON.stringify(document, null, 2)], { type: 'application/json' }), fileName);
}
