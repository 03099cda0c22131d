// The engine's own bounds (what it keeps, buffers and accepts), written once: the engine's
// files import them from here.

/** Characters of printed lines the command line gathers into one write to its output (a pipe's
 *  buffer on Linux): past it they go out at once, else at the end of the event loop's turn. */
export const OUTPUT_BATCH_CHARS = 64 * 1024;
