// The protocol's maxima and the bounds every side of the app shares (ports, hosts, MQTT
// strings), written once: everything else imports them.

// ---- The Variable Byte Integer (v3.1.1 2.2.3, v5 1.5.5) ----------------------------------------

/** The largest Variable Byte Integer (v5 1.5.5): 268,435,455, in at most four bytes. */
export const VBI_MAX = 0x0fff_ffff;
export const VBI_MAX_BYTES = 4;
