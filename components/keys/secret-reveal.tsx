// The one time a key's secret is shown: in full, with a copy button and a warning.
import { TriangleExclamationPoint } from "lucide-react";
import { CopyButton } from "../ui/copy-button";

/** The full key, selectable and copyable, with "you won't see this again". */
export function SecretReveal({ secret }: { secret: string }) {
  return (
    <div className="space-y-3">
      <div className="flex items-center gap-2 rounded-lg border border-zinc-200 bg-zinc-50 p-2 pl-3">
        <code data-testid="new-key" className="min-w-0 flex-1 select-all break-all font-mono text-[13px] text-zinc-900">{secret}</code>
        <CopyButton value={secret} label="Copy key" />
      </div>
      <p className="flex gap-2 text-sm text-amber-800">
        <TriangleExclamationPoint className="mt-0.5 size-4 shrink-0" aria-hidden />
        <span>Copy it now and store it somewhere safe — <strong>you won&rsquo;t see this key again</strong>. If you lose it, rotate the key to get a new secret.</span>
      </p>
    </div>
  );
}
