"use client";
// One turn of the playground conversation: the user's text, or the answer with its reasoning
// (collapsible, above it), rendered Markdown, or the error in place of the answer.
import Link from "next/link";
import ReactMarkdown from "react-markdown";
import { Brain } from "lucide-react";

export type Turn =
  | { role: "user"; content: string }
  | { role: "assistant"; content: string; reasoning: string; error?: { message: string; code: string | null } };

function Failure({ error }: { error: { message: string; code: string | null } }) {
  return (
    <div role="alert" className="max-w-[85%] rounded-2xl rounded-bl-md border border-red-200 bg-red-50 px-4 py-2.5 text-sm leading-6 text-red-900" data-testid="playground-error">
      <p>{error.message}</p>
      {error.code === "insufficient_credits" ? (
        <p className="mt-1"><Link href="/dashboard/billing" className="font-medium underline">Add credits</Link> or lower max tokens, then send again.</p>
      ) : null}
    </div>
  );
}

/** A message bubble; `pending` shows the caret while the first token is awaited. */
export function Message({ turn, pending }: { turn: Turn; pending: boolean }) {
  if (turn.role === "user") {
    return (
      <div className="flex justify-end">
        <div className="max-w-[85%] whitespace-pre-wrap rounded-2xl rounded-br-md bg-brand-600 px-4 py-2.5 text-sm text-white" data-role="user">
          <span className="sr-only">You: </span>{turn.content}
        </div>
      </div>
    );
  }
  if (turn.error) return <div className="flex justify-start"><Failure error={turn.error} /></div>;
  return (
    <div className="flex flex-col items-start gap-2">
      {turn.reasoning ? (
        <details className="max-w-[85%] rounded-xl border border-zinc-200 bg-white px-4 py-2 text-sm text-zinc-600" data-testid="reasoning" open={pending && !turn.content}>
          <summary className="flex cursor-pointer items-center gap-1.5 font-medium text-zinc-700"><Brain className="size-4" aria-hidden /> Reasoning</summary>
          <p className="mt-2 whitespace-pre-wrap leading-6">{turn.reasoning}</p>
        </details>
      ) : null}
      <div className="markdown max-w-[85%] min-w-0 rounded-2xl rounded-bl-md bg-zinc-100 px-4 py-2.5 text-sm leading-6 text-zinc-900" data-role="assistant">
        <span className="sr-only">Assistant: </span>
        {turn.content ? <ReactMarkdown>{turn.content}</ReactMarkdown> : pending ? <span className="inline-block h-4 w-2 animate-pulse bg-zinc-400 align-middle" aria-label="Waiting for the answer" /> : null}
      </div>
    </div>
  );
}
