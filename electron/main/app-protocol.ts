// The app:// protocol the Electron window loads its UI from (not file://, whose pages share one
// origin with every file on disk): a request URL mapped to a file of the renderer folder and the
// headers it is served with, the Content-Security-Policy among them. Nothing outside the folder
// and nothing remote is ever answered.
import { securityHeaders } from '@shared/security-headers';
import { readStaticFile } from '../web/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'mqtt-scope';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** As registered before the app is ready: a standard, secure scheme (an origin of its own,
 *  a secure context), which may not bypass the CSP. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, bypassCSP: false, corsEnabled: false, stream: false },
};

/** The page connects nowhere but its own origin: the contract travels on IPC. */
export const APP_HEADERS = securityHeaders([]);

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

export async function answerAppRequest(rendererRoot: string, requestUrl: string): Promise<AppResponse> {
  const refuse = (status: number, text: string): AppResponse => ({ status, headers: { ...APP_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }, body: text });
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return refuse(400, 'Bad request');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(404, 'Not found');
  const found = await readStaticFile(rendererRoot, url.pathname);
  if (found.status !== 200) return refuse(found.status, found.text);
  return { status: 200, headers: { ...APP_HEADERS, 'Content-Type': found.contentType, 'Cache-Control': 'no-store' }, body: found.body };
}
