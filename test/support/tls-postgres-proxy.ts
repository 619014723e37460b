import net from "node:net";
import tls from "node:tls";
import type { AddressInfo } from "node:net";

/** The first message of a client that asks for TLS (PostgreSQL protocol: length 8, code 80877103). */
const SSL_REQUEST_CODE = 80877103;

/**
 * A PostgreSQL server "with SSL" for tests, without reconfiguring the shared server: answers the client's
 * SSLRequest with 'S', completes the TLS handshake with the given certificate, then relays the decrypted
 * protocol to the real (plain) server. A client that does not ask for TLS is refused, as `hostssl` would.
 */
export class TlsPostgresProxy {
  private constructor(
    private readonly server: net.Server,
    private readonly sockets: Set<net.Socket>,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }, cert: { cert: string; key: string }): Promise<TlsPostgresProxy> {
    const sockets = new Set<net.Socket>();
    const server = net.createServer((client) => {
      sockets.add(client);
      client.on("close", () => sockets.delete(client));
      client.on("error", () => undefined);
      client.once("data", (first) => {
        if (first.length !== 8 || first.readInt32BE(4) !== SSL_REQUEST_CODE) return client.destroy();
        client.pause();
        client.write("S");
        const secure = new tls.TLSSocket(client, { isServer: true, cert: cert.cert, key: cert.key });
        const upstream = net.connect(target.port, target.host);
        for (const s of [secure, upstream]) s.on("error", () => undefined);
        secure.pipe(upstream).pipe(secure);
        secure.on("close", () => upstream.destroy());
        upstream.on("close", () => secure.destroy());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return new TlsPostgresProxy(server, sockets, (server.address() as AddressInfo).port);
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
