// GET /docs – the API documentation, with this install's base URL and live models.
import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { ModelTable } from "@/components/catalog/model-table";
import { LimitsTable } from "@/components/catalog/limits-table";
import { Callout } from "@/components/docs/callout";
import { ClaudeCodeSection } from "@/components/docs/claude-code";
import { docSamples, ERRORS, PARAMETERS } from "@/components/docs/content";
import { Toc } from "@/components/docs/toc";
import { SiteHeader } from "@/components/marketing/site-header";
import { Card } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { publicUrl } from "@/lib/env";
import { enabledModels } from "@/lib/gateway/catalog";

export const metadata: Metadata = { title: "API documentation" };

// Docs page.
export default async function DocsPage() {
  await connection(); // live catalog and this origin, per request
  const models = await enabledModels();
  const baseUrl = publicUrl();
  const code = docSamples(baseUrl);
  return (
    <>
      <SiteHeader />
      <div className="mx-auto grid max-w-6xl gap-10 px-4 py-12 sm:px-6 lg:grid-cols-[13rem_minmax(0,1fr)] lg:py-16">
        <aside>
          <Toc />
        </aside>
        <main id="main" className="min-w-0">
          <header className="mb-12 border-b border-zinc-200 pb-10">
            <p className="text-sm font-semibold text-brand-600">Documentation</p>
            <h1 className="mt-2 text-4xl font-semibold text-zinc-950">API documentation</h1>
            <p className="mt-4 max-w-2xl text-base leading-7 text-zinc-600">
              Integrate China&rsquo;s most powerful AI models into your application with just a few lines of code. The API is fully compatible with OpenAI&rsquo;s format.
            </p>
            <p className="mt-4 text-sm text-zinc-600">
              Base URL: <code className="code-inline">{baseUrl}/v1</code>
            </p>
          </header>

          <article className="prose-doc">
            <h2 id="quick-start">Quick start</h2>
            <ol>
              <li><strong>Create an account.</strong> <Link href="/register">Sign up for free</Link> — new users get $5 in credits.</li>
              <li><strong>Get your API key.</strong> Open <Link href="/dashboard/keys">API keys</Link> in the dashboard and create one. It starts with <code className="code-inline">sib-</code>.</li>
              <li><strong>Make your first request</strong> to any of the supported models with that key.</li>
            </ol>
            <Callout>New users get <strong>$5 in free credits</strong> when they sign up. No credit card required.</Callout>

            <h3 id="python">Python SDK</h3>
            <p>Install the OpenAI SDK and configure it to use SIB AI&rsquo;s endpoint:</p>
            <CodeBlock code={code.python} language="Python" />

            <h3 id="curl">cURL</h3>
            <p>Make API calls directly from your terminal:</p>
            <CodeBlock code={code.curl} language="bash" />

            <h3 id="node">Node.js SDK</h3>
            <p>For Node.js applications, use the OpenAI SDK:</p>
            <CodeBlock code={code.node} language="JavaScript" />

            <h2 id="authentication">Authentication</h2>
            <p>SIB AI uses API keys to authenticate requests. You can view and manage your API keys in your <Link href="/dashboard/keys">dashboard</Link>.</p>
            <h3>Bearer token</h3>
            <p>Include your API key in the <code className="code-inline">Authorization</code> header of all requests:</p>
            <CodeBlock code={code.authHeader} language="HTTP header" />
            <Callout tone="warning">
              <strong>Keep your API key secure.</strong> Never expose it in client-side code or public repositories, and never share it publicly.
            </Callout>
            <ul>
              <li>Use environment variables to store your API key</li>
              <li>Rotate your API key periodically</li>
              <li>Create separate keys for different applications</li>
              <li>Monitor your API usage for anomalies</li>
            </ul>
            <h3 id="key-controls">Key limits and permissions</h3>
            <p>On a key&apos;s page in the dashboard (or when you create it) you can give each key its own limits. Each refusal names the control and where to change it:</p>
            <ul>
              <li><strong>Spend limit</strong> per UTC day, per UTC month or in total. A request is refused with 402 <code className="code-inline">key_spend_limit_reached</code> when its maximum cost (prompt plus <code className="code-inline">max_tokens</code>) would pass what the key has left; concurrent requests cannot overrun it. Days and months reset at 00:00 UTC.</li>
              <li><strong>Expiry date</strong>: from 00:00 UTC that day the key answers 401 <code className="code-inline">invalid_api_key</code>, &ldquo;This key expired on …&rdquo;.</li>
              <li><strong>Models</strong>: a call to any other model is refused with 403 <code className="code-inline">model_not_allowed_for_key</code>, and <code className="code-inline">GET /v1/models</code> lists only the key&apos;s models.</li>
              <li><strong>Client addresses</strong> (IP addresses and CIDR ranges): calls from elsewhere are refused with 403 <code className="code-inline">address_not_allowed_for_key</code>.</li>
            </ul>

            <h2 id="models">Models reference</h2>
            <p>SIB AI provides access to the following models, all through the same endpoint. Prices are live from this install&rsquo;s catalog.</p>
            <Card className="my-6 overflow-hidden">
              <ModelTable models={models} />
            </Card>
            <Callout>
              <strong>Choosing a model:</strong> use <code className="code-inline">qwen-turbo</code> or <code className="code-inline">deepseek-chat</code> for fast responses, and <code className="code-inline">deepseek-reasoner</code> for complex reasoning.
            </Callout>
            <p>List the available models from code:</p>
            <CodeBlock code={code.listModels} language="bash" />

            <h2 id="chat-completions">Chat completions</h2>
            <h3>Endpoint</h3>
            <CodeBlock code={`POST ${baseUrl}/v1/chat/completions`} language="HTTP" />
            <h3>Request parameters</h3>
            <Card className="my-6 overflow-hidden">
              <Table label="Request parameters">
                <THead>
                  <tr><TH>Parameter</TH><TH>Type</TH><TH>Description</TH></tr>
                </THead>
                <TBody>
                  {PARAMETERS.map((p) => (
                    <TR key={p.name}>
                      <TD><code className="font-mono text-[13px] font-medium text-zinc-900">{p.name}</code>{p.required ? <span className="ml-0.5 text-red-600" aria-label="required">*</span> : null}</TD>
                      <TD className="font-mono text-[13px]">{p.type}</TD>
                      <TD className="min-w-72 whitespace-normal">{p.text}</TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            </Card>
            <h3>Request example</h3>
            <CodeBlock code={code.requestExample} language="Python" />
            <h3>Response example</h3>
            <CodeBlock code={code.responseExample} language="JSON" />

            <h3 id="streaming">Streaming</h3>
            <p>To receive responses as a stream (useful for chat interfaces):</p>
            <CodeBlock code={code.streaming} language="Python" />
            <p>The stream is a sequence of Server-Sent Events, ending with <code className="code-inline">data: [DONE]</code>:</p>
            <CodeBlock code={code.streamFormat} language="Server-Sent Events" />

            <ClaudeCodeSection origin={baseUrl} models={models} />

            <h2 id="errors">Error codes</h2>
            <p>SIB AI uses standard HTTP status codes and returns detailed error information in JSON.</p>
            <Card className="my-6 overflow-hidden">
              <Table label="Error codes">
                <THead>
                  <tr><TH>Status</TH><TH>Error code</TH><TH>Description</TH></tr>
                </THead>
                <TBody>
                  {ERRORS.map((e) => (
                    <TR key={e.code}>
                      <TD className="tabular-nums font-medium text-zinc-900">{e.status}</TD>
                      <TD><code className="font-mono text-[13px]">{e.code}</code></TD>
                      <TD className="min-w-72 whitespace-normal">{e.text}</TD>
                    </TR>
                  ))}
                </TBody>
              </Table>
            </Card>
            <h3>Error response format</h3>
            <CodeBlock code={code.errorFormat} language="JSON" />

            <h2 id="rate-limits">Rate limits</h2>
            <p>Rate limits vary by plan and apply per API key.</p>
            <Card className="my-6 overflow-hidden">
              <LimitsTable />
            </Card>
            <Callout>
              <strong>Optimizing for rate limits:</strong> retry with exponential backoff, batch work where you can, and consider upgrading if you regularly hit the limits.
            </Callout>
            <h3>Rate limit headers</h3>
            <p>Every response includes headers showing your current rate limit status:</p>
            <CodeBlock code={code.rateHeaders} language="HTTP headers" />
            <p>They also carry OpenAI&apos;s headers for requests and tokens per minute, so a client refused with 403 <code className="code-inline">rate_limit_exceeded</code> can see which budget ran out and when to retry (durations as OpenAI writes them: <code className="code-inline">20ms</code>, <code className="code-inline">17.2s</code>, <code className="code-inline">1m0s</code>):</p>
            <CodeBlock code={code.openaiRateHeaders} language="HTTP headers" />
          </article>
        </main>
      </div>
    </>
  );
}
