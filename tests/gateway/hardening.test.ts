// Requests an attacker sends on purpose: deep nesting, malformed percent-encoding, an
// asterisk target. Each gets the spec's 4xx error with the spec's headers, never a 5xx.
import net from "node:net";
import { describe, expect, it } from "vitest";
import { hello, limitHeaders, newAccount, postChat, MOUNT_NAMES, useMounts } from "./harness";
import { schemaErrors } from "./contract";

const mounts = useMounts();

async function expectSpecError(res: Response, statuses: number[]) {
  const text = await res.text();
  expect(statuses, `${res.status} ${text}`).toContain(res.status);
  const body = JSON.parse(text);
  expect(schemaErrors("ErrorResponse", body)).toEqual([]);
  expect(limitHeaders(res).requestId).toMatch(/^req_[0-9a-f]{32}$/);
  expect(limitHeaders(res).limit).not.toBeNull();
  return body.error as { code: string; message: string };
}

const deep = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;

/** One raw HTTP/1.1 request with a request target fetch() cannot send; resolves with the status line. */
function rawRequest(baseUrl: string, head: string): Promise<string> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(head));
    let data = "";
    socket.setTimeout(10_000, () => (socket.destroy(), reject(new Error("no answer"))));
    socket.on("data", (chunk) => {
      data += chunk.toString();
      if (data.includes("\r\n")) {
        socket.destroy();
        resolve(data.slice(0, data.indexOf("\r\n")));
      }
    });
    socket.on("error", reject);
  });
}

describe.each(MOUNT_NAMES)("%s", (name) => {
  const mount = () => mounts.named(name);

  it("refuses bodies nested deeper than 64 levels with 400, wherever the nesting is", async () => {
    const { key } = await newAccount({ plan: "PRO" });
    const raw = (field: string) => `{"model":"deepseek-chat","messages":${JSON.stringify(hello)},"${field}":${deep(5000)}}`;
    for (const field of ["tools", "metadata", "stream_options", "response_format"]) {
      const error = await expectSpecError(await postChat(mount(), key, raw(field)), [400]);
      expect(error.code).toBe("invalid_request");
      expect(error.message).toMatch(/nested/);
    }
    const toolCalls = `{"model":"deepseek-chat","messages":[{"role":"assistant","content":null,"tool_calls":${deep(5000)}},{"role":"user","content":"hi"}]}`;
    expect((await expectSpecError(await postChat(mount(), key, toolCalls), [400])).code).toBe("invalid_request");
    // 64 levels inside a string value are only text.
    const ok = await postChat(mount(), key, { model: "deepseek-chat", messages: [{ role: "user", content: deep(500) }], max_tokens: 5 });
    expect(ok.status).toBe(200);
  });
});

// The request target as it arrives, before any routing: server.ts (npm start) hands it to the
// gateway core. Next's own server (`next start`, the route-handler mount) decodes the path in its
// router before any app code runs and answers these with its own 500: a limit of that mount.
describe("node mount (server.ts) request targets", () => {
  const mount = () => mounts.named("node mount (server.ts)");

  it("answers malformed percent-encoding in a path with the spec's 4xx", async () => {
    const { key } = await newAccount({ plan: "PRO" });
    for (const path of ["/v1/models/%ZZ", "/v1/models/%E0%A4%A", "/v1/models/%", "/v1/%ZZ"]) {
      const res = await fetch(`${mount().baseUrl}${path}`, { headers: { authorization: `Bearer ${key}` } });
      await expectSpecError(res, [400, 404]);
    }
  });

  it("answers an asterisk request target with a 4xx", async () => {
    const status = await rawRequest(mount().baseUrl, "POST * HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    expect(status).toMatch(/^HTTP\/1\.1 4\d\d /);
  });
});

describe.each(MOUNT_NAMES)("%s security headers", (name) => {
  it("every /v1 answer forbids framing, sniffing and scripts, errors included", async () => {
    const { key } = await newAccount({ plan: "PRO" });
    const base = mounts.named(name).baseUrl;
    const answers = [
      await fetch(`${base}/v1/models`, { headers: { authorization: `Bearer ${key}` } }),
      await fetch(`${base}/v1/models`),
      await postChat(mounts.named(name), key, "{oops"),
      await postChat(mounts.named(name), key, { model: "deepseek-chat", messages: hello, max_tokens: 3, stream: true }),
    ];
    for (const res of answers) {
      await res.arrayBuffer();
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("x-frame-options")).toBe("DENY");
      expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
      expect(res.headers.get("referrer-policy")).toBeTruthy();
    }
  });
});

describe.each(MOUNT_NAMES)("%s anonymous window", (name) => {
  it("a client-chosen X-Forwarded-For does not open a fresh window for requests without a valid key", async () => {
    const get = (forwarded: string) => fetch(`${mounts.named(name).baseUrl}/v1/models`, { headers: { "x-forwarded-for": forwarded } });
    const first = await get("203.0.113.7");
    const second = await get("198.51.100.9");
    expect([first.status, second.status]).toEqual([401, 401]);
    expect(Number(second.headers.get("x-ratelimit-remaining"))).toBeLessThan(Number(first.headers.get("x-ratelimit-remaining")));
  });
});
