// The files (not folders) of an app.asar, as paths from its root (`/dist/electron/main.cjs`).
import { listPackage, statFile } from '@electron/asar';

export function asarFiles(asarPath: string): string[] {
  return listPackage(asarPath, { isPack: false }).filter((entry) => {
    const stat = statFile(asarPath, entry.replace(/^[/\\]/, ''), false) as { files?: unknown };
    return stat.files === undefined;
  });
}
