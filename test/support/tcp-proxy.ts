import net from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A TCP proxy in front of a database server that a test can cut, hang and restore, to make one source
 * "unreachable" the way a network failure would:
 * - `cut()`: open connections are dropped and new ones refused (a crash, a refused port);
 * - `hang()`: connections stay open and new ones are accepted, but no byte passes in either direction (a
 *   black hole: a frozen server, a firewall dropping packets) — only timeouts notice.
 * `restore()` lets traffic through again, including what was held back while hanging.
 */
export class TcpProxy {
  private readonly pairs = new Set<[net.Socket, net.Socket]>();
  private up = true;
  private hanging = false;

  private constructor(private readonly server: net.Server, readonly port: number) {}

  static async start(target: { host: string; port: number }): Promise<TcpProxy> {
    const ref: { proxy?: TcpProxy } = {}; // the connection handler needs the instance created below
    const server = net.createServer((client) => {
      const proxy = ref.proxy;
      if (!proxy?.up) return client.destroy();
      const upstream = net.connect(target.port, target.host);
      const pair: [net.Socket, net.Socket] = [client, upstream];
      proxy.pairs.add(pair);
      for (const s of pair) s.on("error", () => undefined);
      client.on("close", () => {
        upstream.destroy();
        proxy.pairs.delete(pair);
      });
      upstream.on("close", () => client.destroy());
      if (!proxy.hanging) connect(pair);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    ref.proxy = new TcpProxy(server, (server.address() as AddressInfo).port);
    return ref.proxy;
  }

  /** `url` with its host and port replaced by this proxy's. */
  urlFor(url: string): string {
    const u = new URL(url);
    u.hostname = "127.0.0.1";
    u.port = String(this.port);
    return u.toString();
  }

  cut(): void {
    this.up = false;
    for (const pair of this.pairs) for (const s of pair) s.destroy();
  }

  hang(): void {
    this.hanging = true;
    for (const [client, upstream] of this.pairs) {
      client.unpipe(upstream);
      upstream.unpipe(client);
      client.pause();
      upstream.pause();
    }
  }

  restore(): void {
    this.up = true;
    if (this.hanging) for (const pair of this.pairs) connect(pair);
    this.hanging = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function connect([client, upstream]: [net.Socket, net.Socket]): void {
  client.pipe(upstream);
  upstream.pipe(client);
}
