// Who is calling: the connection's peer address, and X-Forwarded-For only when that peer
// is a configured proxy (TRUSTED_PROXIES, default none). Used by the sign-in throttle and
// the gateway's window for requests without a valid key; its address lists also hold a key's allowed addresses.
import { randomBytes } from "node:crypto";
import net from "node:net";
import { env } from "./env";

const UNKNOWN = "unknown";

/** Strip the IPv4-mapped IPv6 prefix node reports for IPv4 peers on dual-stack sockets. */
function normalise(address: string): string {
  const trimmed = address.trim();
  return trimmed.toLowerCase().startsWith("::ffff:") && net.isIPv4(trimmed.slice(7)) ? trimmed.slice(7) : trimmed;
}

/** A comma-separated list of addresses and CIDR ranges as a BlockList; throws on a malformed entry. */
export function parseAddressList(value: string): net.BlockList {
  const list = new net.BlockList();
  for (const entry of value.split(",").map((e) => e.trim()).filter(Boolean)) {
    const [address, bits, extra] = entry.split("/");
    const family = net.isIP(address);
    const prefix = bits === undefined ? undefined : Number(bits);
    const max = family === 6 ? 128 : 32;
    if (!family || extra !== undefined || (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= max))) {
      throw new Error(`"${entry}" is not an IP address or CIDR range`);
    }
    const type = family === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return list;
}

/** Whether an address (IPv4 or IPv6) is in a list; false for anything that is not an address ("unknown"). */
export function listed(list: net.BlockList, address: string): boolean {
  const family = net.isIP(address);
  return family !== 0 && list.check(address, family === 6 ? "ipv6" : "ipv4");
}

let configured: net.BlockList | undefined;

/**
 * The client's address: the peer, unless the peer is a trusted proxy; then the right-most
 * X-Forwarded-For entry that is not itself a trusted proxy (entries to its left are the client's own claims).
 */
export function clientAddress(peer: string | undefined, forwardedFor: string | undefined, proxies?: net.BlockList): string {
  const list = proxies ?? (configured ??= parseAddressList(env().TRUSTED_PROXIES));
  if (!peer) return UNKNOWN;
  let address = normalise(peer);
  const hops = (forwardedFor ?? "").split(",").map(normalise).filter(Boolean);
  while (hops.length && listed(list, address)) {
    const hop = hops.pop()!;
    if (!net.isIP(hop)) break;
    address = hop;
  }
  return address;
}

// The peer address travels from server.ts to Next's handlers (sign-in) in a header stamped with
// a token only this process knows, so a client cannot send its own.
const PEER_HEADER = "x-sib-peer";
const globalForPeer = globalThis as unknown as { __sibPeerToken?: string };
const token = (globalForPeer.__sibPeerToken ??= randomBytes(16).toString("hex"));

/** Put the connection's peer address on a request for Next's handlers (replacing any the client sent). */
export function stampPeer(set: (name: string, value: string) => void, peer: string | undefined): void {
  set(PEER_HEADER, `${token} ${peer ?? ""}`);
}

/** The peer address stamped by this process, or undefined (not stamped, or forged). */
export function peerFromStamp(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const [stamp, peer] = value.split(" ");
  return stamp === token && peer ? peer : undefined;
}

/** The client address of a request Next handles: the stamped peer and, behind trusted proxies, X-Forwarded-For. */
export function requestAddress(header: (name: string) => string | undefined): string {
  return clientAddress(peerFromStamp(header(PEER_HEADER)), header("x-forwarded-for"));
}
