// Where the window may go: nowhere but its own app:// page. A link a person follows to the web
// (http or https) opens in the OS browser; every other scheme (file:, javascript:, custom
// handlers that could start programs) is refused. No new window is ever opened inside the app.
import { APP_HOST, APP_SCHEME } from './app-protocol';

/** True for a page of the app itself (app://mqtt-scope/…). */
export function isAppPage(url: string): boolean {
  try {
    // Scheme and host, not URL.origin: outside Chromium a custom scheme's origin reads "null".
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** The link to hand to the OS browser, when it is a plain web link; undefined otherwise. */
export function externalLink(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    // http too: a broker's own web page (its server reference, a dashboard) is often plain http.
    // Credentials in a link are a phishing trick, not something a person means to follow.
    if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.username || parsed.password) return undefined;
    return parsed.href;
  } catch {
    return undefined;
  }
}

export interface NavigationDecision {
  /** Stop the window from going there. */
  prevent: boolean;
  /** Open this in the OS browser instead. */
  openExternal?: string;
}

/** `will-navigate`: the app's own page may reload; a web link leaves for the browser. */
export function decideNavigation(url: string): NavigationDecision {
  if (isAppPage(url)) return { prevent: false };
  const link = externalLink(url);
  return link ? { prevent: true, openExternal: link } : { prevent: true };
}

/** A request the window's session may make: its own origin only (no remote content, ever). */
export function requestAllowed(url: string): boolean {
  return isAppPage(url);
}
