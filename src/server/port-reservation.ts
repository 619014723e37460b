import { createServer } from "node:net";

/** The port is taken (or not allowed): refused before anything else, such as the embedded database, is opened. */
export class PortUnavailableError extends Error {}

/**
 * Binds the gateway's port before the databases open, so a second gateway started by mistake fails on
 * the busy port at once instead of first opening (and possibly damaging) a database that is in use.
 * The reservation is released just before the real server listens on the same port.
 */
export async function reservePort(host: string, port: number): Promise<{ port: number; release: () => Promise<void> }> {
  // Nothing is served yet: a client that connects this early is reset at once (and may retry), not left hanging.
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) => {
      const why = err.code === "EADDRINUSE" ? "is already in use (is another gateway running?)" : `cannot be used (${err.code ?? err.message})`;
      reject(new PortUnavailableError(`Port ${port} on ${host} ${why}. Stop the other process or choose another PORT.`));
    });
    server.listen({ host, port, exclusive: true }, resolve);
  });
  const address = server.address();
  const bound = typeof address === "object" && address ? address.port : port;
  return { port: bound, release: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
