// A TCP proxy in front of a real service (PostgreSQL, Redis) that a test can take down and
// bring back — a restart of the service as the app sees it — or stall: connections stay open and
// nothing reaches the service (a hung server, a network partition), without touching the shared server.
import net from "node:net";

export type TcpProxy = {
  url: (serviceUrl: string) => string;
  /** Cut every open connection and refuse new ones (as a restarting server does). */
  down: () => Promise<void>;
  up: () => Promise<void>;
  /**
   * Keep every open connection open but forward nothing more to the service, until `unstall`: new
   * connections too ("all", a hung server), or only those open now ("open", a failover that left
   * half-open connections behind while new ones reach the new server).
   */
  stall: (which?: "all" | "open") => void;
  unstall: () => void;
  close: () => Promise<void>;
};

/** Listen on a free port and forward to `target` (host:port). */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  /** Each open connection: what the client sends, and where it goes. */
  const pairs = new Map<net.Socket, net.Socket>();
  /** Connections whose client side is held back; `stalled`: new ones are too. */
  const held = new Set<net.Socket>();
  let stalled = false;
  let port = 0;
  const hold = (client: net.Socket) => {
    client.pause();
    held.add(client);
  };
  const make = () => net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => undefined);
    }
    pairs.set(client, upstream);
    upstream.pipe(client);
    if (stalled) hold(client);
    else client.pipe(upstream);
    client.on("close", () => {
      pairs.delete(client);
      held.delete(client);
      upstream.destroy();
    });
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
    stall: (which = "all") => {
      stalled = which === "all";
      for (const [client, upstream] of pairs) {
        client.unpipe(upstream);
        hold(client);
      }
    },
    unstall: () => {
      stalled = false;
      for (const client of held) client.pipe(pairs.get(client)!);
      held.clear();
    },
    up: async () => {
      server = make();
      await listen();
    },
    close: stop,
  };
}
