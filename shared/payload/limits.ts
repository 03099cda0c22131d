// Every bound of the payload viewer, named once: what is rendered, decoded and diffed at most,
// so a large payload never freezes the page.

/** Bytes of a payload the hex and Base64 views render (the rest is said, not drawn). */
export const RENDER_BYTES = 64 * 1024;

/** Characters of text the Text view renders. */
export const RENDER_CHARS = 64 * 1024;

/** Payloads larger than this are not tried as JSON, Sparkplug B, CBOR or MessagePack. */
export const DECODE_BYTES = 4 * 1024 * 1024;

/** Children of one JSON node drawn before a "show more" button. */
export const TREE_CHILDREN = 200;

/** Characters of each side a diff compares (a line diff is quadratic in the worst case). */
export const DIFF_CHARS = 64 * 1024;

/** Bytes a byte string inside a decoded value shows as hex. */
export const BYTES_PREVIEW = 64;

/** Changes a JSON diff lists before it says there are more. */
export const JSON_DIFF_CHANGES = 1000;

/** Characters of each value a JSON diff writes beside its path. */
export const JSON_DIFF_VALUE_CHARS = 200;
