// A profiles export the person opens (Import… in Profiles, Open file…, or a drop): read as JSON
// here, each profile checked and kept by the engine. A failure says which file.
import type { EngineApi } from '@shared/contract';

/** What an import came to, in the same words wherever it was started from. */
export const importedText = (count: number, names: string) => `Imported ${count} profile${count === 1 ? '' : 's'} from ${names}.`;

export async function importProfilesFile(api: EngineApi, file: Blob & { name: string }): Promise<{ imported: number; problems: string[] }> {
  let document: unknown;
  try {
    document = JSON.parse(await file.text());
  } catch {
    throw new Error(`${file.name} is not JSON; nothing was imported.`);
  }
  try {
    const result = await api.request('profiles.import', { document });
    return { imported: result.imported.length, problems: result.problems };
  } catch (error) {
    throw new Error(`${file.name} could not be imported: ${(error as Error).message}`);
  }
}
