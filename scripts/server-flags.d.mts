/** Node flags the server runs with (server-flags.mjs). */
export const SERVER_NODE_FLAGS: readonly string[];
