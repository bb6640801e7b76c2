// Node flags the server runs with, wherever it is started (scripts/start.mjs, bench/server.ts).
//
// A larger young generation: opening a ticket allocates a few hundred short-lived objects, and
// with 16 MiB semi-spaces the scavenger ran often enough to keep V8's helper threads busy a
// quarter of a core at 1,300 tickets a second; with 64 MiB the server used about 5 % less CPU
// per ticket on the ticket benchmark (bench/README.md). Set at start: V8 ignores it later.
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'];
