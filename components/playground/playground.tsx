"use client";
// The playground: pick a model and its settings, chat, watch the answer (and reasoning) stream,
// see the call's tokens and cost, and get the same request as code.
import { Send, Square, RotateCw } from "lucide-react";
import { useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { tokenCost } from "@/lib/money";
import { formatCost } from "@/lib/money-format";
import { applyChunk, EMPTY_ANSWER } from "@/lib/playground/answer";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { Input, Label, Select, Textarea } from "../ui/input";
import { Message, type Turn } from "./message";
import { readEvents } from "./sse";
import { ViewCode } from "./view-code";

export type PlaygroundModel = { id: string; description: string; inputPrice: string; outputPrice: string; maxOutputTokens: number };
type CallStats = { model: string; promptTokens: number; completionTokens: number; cost: string; requestId: string | null; ms: number };

/** A failed call's message and the spec's error code, from a JSON error body. */
class CallError extends Error {
  constructor(message: string, readonly code: string | null) {
    super(message);
  }
}

/** The interactive playground; `baseUrl` is this origin's, for "view code". */
export function Playground({ models, baseUrl }: { models: PlaygroundModel[]; baseUrl: string }) {
  const [model, setModel] = useState(models[0]?.id ?? "");
  const [system, setSystem] = useState("");
  const [temperature, setTemperature] = useState(0.7);
  const [maxTokens, setMaxTokens] = useState("");
  const [messages, setMessages] = useState<Turn[]>([]);
  const [draft, setDraft] = useState("");
  const [streaming, setStreaming] = useState(false);
  const [stats, setStats] = useState<CallStats | null>(null);
  const abort = useRef<AbortController | null>(null);
  const selected = models.find((m) => m.id === model);
  const maxTokensValue = /^\d+$/.test(maxTokens) && Number(maxTokens) > 0 ? Number(maxTokens) : undefined;
  const conversation = (history: Turn[]) => [
    ...(system.trim() ? [{ role: "system", content: system.trim() }] : []),
    ...history.filter((t) => t.role === "user" || !t.error).map((t) => ({ role: t.role, content: t.content })),
  ];

  async function send(e?: FormEvent) {
    e?.preventDefault();
    const text = draft.trim();
    if (!text || streaming || !selected) return;
    const history: Turn[] = [...messages, { role: "user", content: text }];
    setMessages([...history, { role: "assistant", content: "", reasoning: "" }]);
    setDraft("");
    setStats(null);
    setStreaming(true);
    const controller = new AbortController();
    abort.current = controller;
    const started = performance.now();
    try {
      const response = await fetch("/api/playground", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model, temperature, max_tokens: maxTokensValue, messages: conversation(history) }),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string; code?: string } } | null;
        throw new CallError(body?.error?.message ?? `The request failed (${response.status}).`, body?.error?.code ?? null);
      }
      let answer = EMPTY_ANSWER;
      for await (const chunk of readEvents(response.body)) {
        answer = applyChunk(answer, chunk);
        setMessages([...history, { role: "assistant", content: answer.content, reasoning: answer.reasoning }]);
      }
      const usage = answer.usage;
      if (usage) {
        const cost = tokenCost(
          { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens },
          { inputPrice: BigInt(selected.inputPrice), outputPrice: BigInt(selected.outputPrice) },
        );
        setStats({
          model,
          promptTokens: usage.prompt_tokens,
          completionTokens: usage.completion_tokens,
          cost: formatCost(cost),
          requestId: response.headers.get("x-request-id"),
          ms: Math.round(performance.now() - started),
        });
      }
    } catch (err) {
      if ((err as Error).name !== "AbortError") {
        const error = { message: (err as Error).message, code: err instanceof CallError ? err.code : null };
        setMessages((turns) => [...turns.slice(0, -1), { role: "assistant", content: "", reasoning: "", error }]);
      }
    } finally {
      setStreaming(false);
      abort.current = null;
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) send();
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[18rem_minmax(0,1fr)]">
      <Card className="h-fit space-y-5 p-5">
        <div className="space-y-1.5">
          <Label htmlFor="pg-model">Model</Label>
          <Select id="pg-model" value={model} onChange={(e) => setModel(e.target.value)} disabled={streaming}>
            {models.map((m) => <option key={m.id} value={m.id}>{m.id}</option>)}
          </Select>
          {selected ? <p className="text-xs leading-5 text-zinc-500">{selected.description}</p> : null}
        </div>
        <div className="space-y-1.5">
          <div className="flex items-center justify-between">
            <Label htmlFor="pg-temperature">Temperature</Label>
            <span className="text-xs tabular-nums text-zinc-600">{temperature.toFixed(1)}</span>
          </div>
          <input id="pg-temperature" type="range" min={0} max={2} step={0.1} value={temperature} onChange={(e) => setTemperature(Number(e.target.value))} className="w-full accent-brand-600" />
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="pg-max-tokens">Max tokens <span className="font-normal text-zinc-500">(optional)</span></Label>
          <Input id="pg-max-tokens" type="number" inputMode="numeric" min={1} max={selected?.maxOutputTokens} value={maxTokens} onChange={(e) => setMaxTokens(e.target.value)} placeholder={selected ? `Up to ${selected.maxOutputTokens.toLocaleString("en-US")}` : undefined} />
          <p className="text-xs leading-5 text-zinc-500">Caps the answer&apos;s length, and so the most a call can cost.</p>
        </div>
        <div className="space-y-1.5">
          <Label htmlFor="pg-system">System prompt <span className="font-normal text-zinc-500">(optional)</span></Label>
          <Textarea id="pg-system" rows={4} value={system} onChange={(e) => setSystem(e.target.value)} placeholder="You are a helpful assistant." />
        </div>
        <div className="space-y-2">
          <ViewCode baseUrl={baseUrl} params={{ model, temperature, max_tokens: maxTokensValue, messages: conversation(draft.trim() ? [...messages, { role: "user", content: draft.trim() }] : messages) }} />
          <Button variant="secondary" className="w-full" onClick={() => { setMessages([]); setStats(null); }} disabled={streaming || messages.length === 0}>
            <RotateCw aria-hidden /> New conversation
          </Button>
        </div>
      </Card>

      <Card className="flex min-h-[32rem] flex-col overflow-hidden">
        <div className="flex-1 space-y-4 overflow-y-auto p-5" aria-live="polite" aria-busy={streaming} data-testid="conversation">
          {messages.length === 0 ? (
            <div className="flex h-full min-h-64 flex-col items-center justify-center text-center">
              <p className="font-medium text-zinc-900">Try any model</p>
              <p className="mt-1 max-w-sm text-sm text-zinc-500">Calls go through the same API and billing as your applications, using a built-in playground key.</p>
            </div>
          ) : (
            messages.map((m, i) => <Message key={i} turn={m} pending={streaming && i === messages.length - 1} />)
          )}
        </div>
        <div className="min-h-10 border-t border-zinc-100 bg-zinc-50/60 px-5 py-2.5 text-xs text-zinc-600" data-testid="call-stats">
          {stats ? (
            <dl className="flex flex-wrap gap-x-5 gap-y-1 tabular-nums">
              <div className="flex gap-1"><dt>Input</dt><dd className="font-medium text-zinc-900" data-testid="stat-prompt">{stats.promptTokens}</dd></div>
              <div className="flex gap-1"><dt>Output</dt><dd className="font-medium text-zinc-900" data-testid="stat-completion">{stats.completionTokens}</dd></div>
              <div className="flex gap-1"><dt>Cost</dt><dd className="font-medium text-zinc-900" data-testid="stat-cost">{stats.cost}</dd></div>
              <div className="flex gap-1"><dt>Time</dt><dd className="font-medium text-zinc-900">{stats.ms} ms</dd></div>
              {stats.requestId ? <div className="flex min-w-0 gap-1"><dt>Request</dt><dd className="truncate font-mono">{stats.requestId}</dd></div> : null}
            </dl>
          ) : (
            <span>{streaming ? "Streaming…" : "Tokens and cost of each call appear here."}</span>
          )}
        </div>
        <form onSubmit={send} className="flex items-end gap-2 border-t border-zinc-200 p-3">
          <Label htmlFor="pg-input" className="sr-only">Message</Label>
          <Textarea id="pg-input" rows={2} value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={onKeyDown} placeholder="Ask anything… (Ctrl+Enter to send)" className="min-h-11 resize-none" />
          {streaming ? (
            <Button variant="secondary" onClick={() => abort.current?.abort()} aria-label="Stop"><Square aria-hidden /> Stop</Button>
          ) : (
            <Button type="submit" disabled={!draft.trim()}><Send aria-hidden /> Send</Button>
          )}
        </form>
      </Card>
    </div>
  );
}
