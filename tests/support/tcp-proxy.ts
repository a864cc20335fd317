// A TCP proxy in front of a real service (PostgreSQL, Redis) that a test can take down and
// bring back: a restart of the service as the app sees it, without touching the shared server.
import net from "node:net";

export type TcpProxy = {
  url: (serviceUrl: string) => string;
  /** Cut every open connection and refuse new ones (as a restarting server does). */
  down: () => Promise<void>;
  up: () => Promise<void>;
  close: () => Promise<void>;
};

/** Listen on a free port and forward to `target` (host:port). */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let port = 0;
  const make = () => net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => undefined);
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  let server = make();
  const listen = () => new Promise<void>((resolve) => server.listen(port, "127.0.0.1", () => {
    port = (server.address() as net.AddressInfo).port;
    resolve();
  }));
  const stop = () => new Promise<void>((resolve) => {
    for (const s of sockets) s.destroy();
    server.close(() => resolve());
  });
  await listen();
  return {
    url: (serviceUrl) => {
      const parsed = new URL(serviceUrl);
      parsed.hostname = "127.0.0.1";
      parsed.port = String(port);
      return parsed.toString();
    },
    down: stop,
    up: async () => {
      server = make();
      await listen();
    },
    close: stop,
  };
}
