// The UI's own bounds (what the page holds, draws and asks for), written once: the renderer's
// files import them from here. What the page shares with the engine is in shared/limits.
import { MIB } from '@shared/limits';

// ---- What the page holds ----------------------------------------------------------------------

/** Blocks of packet rows held at once; the ones farthest from the view go first. */
export const KEPT_BLOCKS = 40;
/** Entries read lately, so going back and forth between two packets asks once. */
export const RECENT_LIMIT = 64;
/** Previous-message answers kept, so going back and forth between two messages asks once. */
export const PREVIOUS_ON_TOPIC_KEPT = 256;
/** Publications a connection's history keeps; the oldest goes first. */
export const PUBLISH_HISTORY_LIMIT = 50;
/** The broker's own reports kept for the panel; older ones fall off. */
export const KEPT_EVENTS = 200;
/** Messages a plot holds at most: the newest of its topic. */
export const MAX_PLOT_MESSAGES = 100_000;
/** Parts of an export read at most: past this the engine keeps answering not done, which is a fault. */
export const MAX_PARTS = 1_000_000;

// ---- What the page draws ----------------------------------------------------------------------

/**
 * The tallest the packet list's scrolled area is made: browsers cap an element's height
 * (Chromium near 33.5 million pixels, 1.4 million rows). Past it the scroll position maps onto
 * the rows in proportion, and the rows in view are drawn where the view is.
 */
export const MAX_SCROLL_HEIGHT = 15_000_000;
/** Beyond this the hex dump stops (a browser cannot lay out an element taller than ~33 M
 *  pixels); a packet this large is read in its field tree. */
export const HEX_SHOWN_BYTES = MIB;
/** Characters of a field's label drawn before it is cut; the whole value is in the hex dump and
 *  the payload viewer. */
export const LABEL_CHARS = 256;
/** Characters of a payload in a line of a list. */
export const PAYLOAD_PREVIEW_CHARS = 60;
/** The newest sessions the palette offers: a palette draws every command it holds, and a store
 *  can hold thousands of lab runs' sessions. Older ones are in the navigator. */
export const MAX_SESSION_COMMANDS = 200;
/** Levels a plot looks into for numbers, and paths it offers at most (a 1,000-sample array is
 *  not 1,000 choices). */
export const MAX_PATH_DEPTH = 16;
export const MAX_NUMERIC_PATHS = 50;
