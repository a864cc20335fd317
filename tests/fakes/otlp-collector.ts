// A fake OpenTelemetry collector's OTLP/HTTP trace receiver: it keeps the spans it is sent.
// Rules from the OTLP specification, "OTLP/HTTP" (opentelemetry.io/docs/specs/otlp/#otlphttp):
// traces arrive as POST to /v1/traces; the JSON encoding is Content-Type application/json
// (protobuf, application/x-protobuf, is not decoded here and is refused with 415 like an
// unsupported media type); a success is 200 with an ExportTraceServiceResponse ({} in JSON);
// other paths are not part of the receiver (404). Ids in the JSON encoding are hex strings.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedSpan = {
  name: string; traceId: string; spanId: string; parentSpanId?: string;
  attributes: Record<string, string | number>; service: string;
};

type AnyValue = { stringValue?: string; intValue?: string | number; doubleValue?: number; boolValue?: boolean };
type KeyValue = { key: string; value: AnyValue };
type ExportRequest = {
  resourceSpans?: { resource?: { attributes?: KeyValue[] }; scopeSpans?: { spans?: (Omit<ReceivedSpan, "attributes" | "service"> & { attributes?: KeyValue[] })[] }[] }[];
};

function flatten(attributes: KeyValue[] = []): Record<string, string | number> {
  return Object.fromEntries(attributes.map(({ key, value }) => [key, value.stringValue ?? Number(value.intValue ?? value.doubleValue ?? NaN)]));
}

/** Start the receiver; `spans` grows as exports arrive. */
export async function startOtlpCollector(): Promise<{ url: string; spans: ReceivedSpan[]; bodies: string[]; close: () => Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const bodies: string[] = [];
  const server = createServer((req, res) => {
    if (req.method !== "POST" || req.url !== "/v1/traces") return void res.writeHead(404).end();
    if (!req.headers["content-type"]?.startsWith("application/json")) return void res.writeHead(415).end();
    const parts: Buffer[] = [];
    req.on("data", (chunk: Buffer) => parts.push(chunk));
    req.on("end", () => {
      const text = Buffer.concat(parts).toString("utf8");
      bodies.push(text);
      const body = JSON.parse(text) as ExportRequest;
      for (const resource of body.resourceSpans ?? []) {
        const service = String(flatten(resource.resource?.attributes)["service.name"]);
        for (const scope of resource.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) spans.push({ ...span, attributes: flatten(span.attributes), service });
        }
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, spans, bodies, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
