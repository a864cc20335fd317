"use client";
// The playground: pick a model, chat, watch the answer stream, see the call's tokens and cost.
import { Send, Square, RotateCw } from "lucide-react";
import { useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { tokenCost } from "@/lib/money";
import { formatCost } from "@/lib/money-format";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { Label, Select, Textarea } from "../ui/input";
import { readEvents } from "./sse";

export type PlaygroundModel = { id: string; description: string; inputPrice: string; outputPrice: string; maxOutputTokens: number };
type Message = { role: "user" | "assistant"; content: string };
type CallStats = { model: string; promptTokens: number; completionTokens: number; cost: string; requestId: string | null; ms: number };

type Usage = { prompt_tokens: number; completion_tokens: number };

/** The interactive playground. */
export function Playground({ models }: { models: PlaygroundModel[] }) {
  const [model, setModel] = useState(models[0]?.id ?? "");
  const [system, setSystem] = useState("");
  const [temperature, setTemperature] = useState(0.7);
  const [messages, setMessages] = useState<Message[]>([]);
  const [draft, setDraft] = useState("");
  const [streaming, setStreaming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stats, setStats] = useState<CallStats | null>(null);
  const abort = useRef<AbortController | null>(null);
  const selected = models.find((m) => m.id === model);

  async function send(e?: FormEvent) {
    e?.preventDefault();
    const text = draft.trim();
    if (!text || streaming || !selected) return;
    const history: Message[] = [...messages, { role: "user", content: text }];
    setMessages([...history, { role: "assistant", content: "" }]);
    setDraft("");
    setError(null);
    setStats(null);
    setStreaming(true);
    const controller = new AbortController();
    abort.current = controller;
    const started = performance.now();
    try {
      const response = await fetch("/api/playground", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model, temperature, messages: [...(system.trim() ? [{ role: "system", content: system.trim() }] : []), ...history] }),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `The request failed (${response.status}).`);
      }
      let answer = "";
      let usage: Usage | null = null;
      for await (const chunk of readEvents(response.body)) {
        const delta = (chunk.choices as { delta?: { content?: string } }[] | undefined)?.[0]?.delta?.content;
        if (delta) {
          answer += delta;
          setMessages([...history, { role: "assistant", content: answer }]);
        }
        if (chunk.usage) usage = chunk.usage as Usage;
        if (chunk.error) throw new Error((chunk.error as { message?: string }).message ?? "The stream failed.");
      }
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
      if ((err as Error).name !== "AbortError") setError((err as Error).message);
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
          <Label htmlFor="pg-system">System prompt <span className="font-normal text-zinc-500">(optional)</span></Label>
          <Textarea id="pg-system" rows={4} value={system} onChange={(e) => setSystem(e.target.value)} placeholder="You are a helpful assistant." />
        </div>
        <Button variant="secondary" className="w-full" onClick={() => { setMessages([]); setStats(null); setError(null); }} disabled={streaming || messages.length === 0}>
          <RotateCw aria-hidden /> New conversation
        </Button>
      </Card>

      <Card className="flex min-h-[32rem] flex-col overflow-hidden">
        <div className="flex-1 space-y-4 overflow-y-auto p-5" aria-live="polite" aria-busy={streaming} data-testid="conversation">
          {messages.length === 0 ? (
            <div className="flex h-full min-h-64 flex-col items-center justify-center text-center">
              <p className="font-medium text-zinc-900">Try any model</p>
              <p className="mt-1 max-w-sm text-sm text-zinc-500">Calls go through the same API and billing as your applications, using a built-in playground key.</p>
            </div>
          ) : (
            messages.map((m, i) => (
              <div key={i} className={m.role === "user" ? "flex justify-end" : "flex justify-start"}>
                <div className={m.role === "user" ? "max-w-[85%] whitespace-pre-wrap rounded-2xl rounded-br-md bg-brand-600 px-4 py-2.5 text-sm text-white" : "max-w-[85%] whitespace-pre-wrap rounded-2xl rounded-bl-md bg-zinc-100 px-4 py-2.5 text-sm leading-6 text-zinc-900"} data-role={m.role}>
                  <span className="sr-only">{m.role === "user" ? "You: " : "Assistant: "}</span>
                  {m.content || (streaming && i === messages.length - 1 ? <span className="inline-block h-4 w-2 animate-pulse bg-zinc-400 align-middle" aria-label="Waiting for the answer" /> : null)}
                </div>
              </div>
            ))
          )}
        </div>
        {error ? <Alert tone="error" className="mx-5 mb-3">{error}</Alert> : null}
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
