import { describe, expect, it } from "vitest";
import { clientAddress, parseAddressList, peerFromStamp, stampPeer } from "./client-address";

describe("client address", () => {
  const none = parseAddressList("");
  const proxies = parseAddressList("10.0.0.0/8, 127.0.0.1, ::1");

  it("ignores X-Forwarded-For unless the peer is a trusted proxy (default: none)", () => {
    expect(clientAddress("198.51.100.9", "203.0.113.7", none)).toBe("198.51.100.9");
    expect(clientAddress("::ffff:198.51.100.9", "203.0.113.7", proxies)).toBe("198.51.100.9");
    expect(clientAddress(undefined, "203.0.113.7", proxies)).toBe("unknown");
  });

  it("behind trusted proxies, takes the right-most address no trusted proxy added", () => {
    expect(clientAddress("10.1.2.3", "203.0.113.7", proxies)).toBe("203.0.113.7");
    // A client cannot choose its address by sending its own X-Forwarded-For first.
    expect(clientAddress("10.1.2.3", "1.1.1.1, 203.0.113.7, 10.9.9.9", proxies)).toBe("203.0.113.7");
    expect(clientAddress("::ffff:127.0.0.1", "203.0.113.7", proxies)).toBe("203.0.113.7");
    expect(clientAddress("10.1.2.3", "garbage", proxies)).toBe("10.1.2.3");
    expect(clientAddress("10.1.2.3", undefined, proxies)).toBe("10.1.2.3");
  });

  it("rejects a malformed proxy list", () => {
    expect(() => parseAddressList("10.0.0.0/99")).toThrow();
    expect(() => parseAddressList("example.com")).toThrow();
  });

  it("the peer stamp of this process cannot be forged by a client", () => {
    const headers = new Headers();
    stampPeer((name, value) => headers.set(name, value), "198.51.100.9");
    expect(peerFromStamp(headers.get("x-sib-peer") ?? undefined)).toBe("198.51.100.9");
    expect(peerFromStamp("forged 127.0.0.1")).toBeUndefined();
    expect(peerFromStamp(undefined)).toBeUndefined();
  });
});
