// The docs' "Use with Claude Code" section: the two environment variables with this origin,
// the catalog's model names (aliases, live), the Anthropic SDK, what is translated, the errors.
import type { CatalogModel } from "@/lib/gateway/catalog";
import { Card } from "../ui/card";
import { CodeBlock } from "../ui/code-block";
import { Table, TBody, TD, TH, THead, TR } from "../ui/table";
import { Callout } from "./callout";

const MESSAGES_ERRORS: { status: number; type: string; text: string }[] = [
  { status: 400, type: "invalid_request_error", text: "Malformed body, a missing or out-of-range field, or a block the gateway does not translate (named in the message)." },
  { status: 401, type: "authentication_error", text: "Missing, unknown, revoked or expired key." },
  { status: 402, type: "billing_error", text: "Your balance cannot cover the request (insufficient_credits on chat completions)." },
  { status: 404, type: "not_found_error", text: "Unknown model or alias, or an endpoint that does not exist." },
  { status: 429, type: "rate_limit_error", text: "Requests or tokens per minute spent; see Retry-After. (Chat completions answer 403 for tokens.)" },
  { status: 500, type: "api_error", text: "Internal error; the message carries the request id." },
  { status: 529, type: "overloaded_error", text: "The model's upstreams are unavailable right now; retry (Claude Code and the SDK do)." },
];

const code = (text: string) => <code className="code-inline">{text}</code>;

/** The section, for this origin and catalog. */
export function ClaudeCodeSection({ origin, models }: { origin: string; models: CatalogModel[] }) {
  const aliased = models.filter((m) => m.aliases.length > 0);
  return (
    <>
      <h2 id="claude-code">Use with Claude Code</h2>
      <p>
        Claude Code and Anthropic&rsquo;s SDKs speak Anthropic&rsquo;s Messages API. SIB AI serves it at {code("POST /v1/messages")} (and{" "}
        {code("/v1/messages/count_tokens")}) for every model, with the same keys, limits, credits and request log as chat completions.
      </p>
      <CodeBlock language="bash" code={`export ANTHROPIC_BASE_URL=${origin}\nexport ANTHROPIC_AUTH_TOKEN=sib-your-key\nclaude`} />
      <Callout>
        The base URL is the origin <strong>without</strong> {code("/v1")}: Claude Code and the SDKs append {code("/v1/messages")} themselves. The key may
        also be sent as {code("x-api-key")} ({code("ANTHROPIC_API_KEY")}).
      </Callout>
      <h3 id="model-names">Model names</h3>
      <p>
        Any model id of the <a href="#models">models reference</a> works, e.g. {code("ANTHROPIC_MODEL=deepseek-reasoner")}. Claude Code&rsquo;s own model
        names are mapped by this install&rsquo;s catalog and billed at the price of the model they map to. A name ending in {code("*")} stands for
        every name that starts so (the longest one wins, an exact name first), so Claude names released later work too:
      </p>
      <Card className="my-6 overflow-hidden">
        <Table label="Model names">
          <THead>
            <tr><TH>Model</TH><TH>Also answers to</TH></tr>
          </THead>
          <TBody>
            {aliased.map((m) => (
              <TR key={m.id}>
                <TD><code className="font-mono text-[13px] font-medium text-zinc-900">{m.id}</code></TD>
                <TD className="whitespace-normal">
                  <span className="flex flex-wrap gap-1.5">{m.aliases.map((alias) => <code key={alias} className="code-inline whitespace-nowrap">{alias}</code>)}</span>
                </TD>
              </TR>
            ))}
            {aliased.length === 0 ? <TR><TD colSpan={2}>No aliases are set on this install: use the model ids.</TD></TR> : null}
          </TBody>
        </Table>
      </Card>
      <h3 id="anthropic-sdk">Anthropic SDK</h3>
      <p>The same for Anthropic&rsquo;s SDKs: the origin as base URL, your key as the API key.</p>
      <CodeBlock language="Python" code={`import anthropic\n\nclient = anthropic.Anthropic(base_url="${origin}", api_key="sib-your-key")\nmessage = client.messages.create(\n    model="deepseek-chat",\n    max_tokens=1024,\n    messages=[{"role": "user", "content": "Hello!"}],\n)\nprint(message.content[0].text)`} />
      <h3 id="translated">What is translated</h3>
      <ul>
        <li>{code("system")} (text or text blocks), text and image blocks, {code("tool_use")} and {code("tool_result")}, {code("tools")} and {code("tool_choice")}, {code("stop_sequences")}, {code("temperature")}, {code("top_p")}, {code("metadata.user_id")} and {code("stream")}.</li>
        <li>Answers: {code("text")}, {code("tool_use")} and {code("thinking")} blocks, {code("stop_reason")}, and usage with {code("cache_read_input_tokens")} where the provider reports cached tokens. Streams send Anthropic&rsquo;s events in order.</li>
        <li>{code("thinking")} turns on Qwen&rsquo;s thinking (in streams); {code("deepseek-reasoner")} always thinks. {code("top_k")} reaches Qwen only. A {code("max_tokens")} above the model&rsquo;s limit is lowered to it.</li>
        <li>Not supported, refused with a 400 naming the block: documents, search results, server tools (web search, code execution…). {code("cache_control")} is ignored; thinking blocks sent back reach the model as its earlier reasoning (DeepSeek needs it after a tool call), redacted thinking is dropped. Fields that are not forwarded are named in the {code("X-Sib-Ignored-Params")} header.</li>
      </ul>
      <h3 id="messages-errors">Messages API errors</h3>
      <p>Errors on {code("/v1/messages")} use Anthropic&rsquo;s shape and statuses, with the request id; every answer carries the rate-limit headers.</p>
      <Card className="my-6 overflow-hidden">
        <Table label="Messages API errors">
          <THead>
            <tr><TH>Status</TH><TH>Type</TH><TH>When</TH></tr>
          </THead>
          <TBody>
            {MESSAGES_ERRORS.map((e) => (
              <TR key={e.type}>
                <TD className="tabular-nums font-medium text-zinc-900">{e.status}</TD>
                <TD><code className="font-mono text-[13px]">{e.type}</code></TD>
                <TD className="min-w-72 whitespace-normal">{e.text}</TD>
              </TR>
            ))}
          </TBody>
        </Table>
      </Card>
      <CodeBlock language="JSON" code={`{\n  "type": "error",\n  "error": {\n    "type": "not_found_error",\n    "message": "The model 'claude-x' does not exist or is not available. …"\n  },\n  "request_id": "req_…"\n}`} />
    </>
  );
}
