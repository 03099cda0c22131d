// The engine's own bounds (what it keeps, buffers and accepts), written once: the engine's
// files import them from here.
