// The About box's words: the app's version and the runtime it runs on, for bug reports.
export interface RuntimeVersions {
  app: string;
  electron?: string;
  chrome?: string;
  node?: string;
}

export function aboutDetail({ app, electron, chrome, node }: RuntimeVersions): string {
  return [`Version ${app}`, `Electron ${electron ?? 'unknown'}`, `Chrome ${chrome ?? 'unknown'}`, `Node ${node ?? 'unknown'}`].join('\n');
}
