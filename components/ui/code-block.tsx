// A dark code block with its language, syntax colours (sugar-high) and a copy button; long lines scroll.
import { highlight } from "sugar-high";
import { CopyButton } from "./copy-button";
import { cn } from "./cn";

/** Pre-formatted code with a header naming the language and a copy button. */
export function CodeBlock({ code, language, className }: { code: string; language: string; className?: string }) {
  return (
    <div className={cn("min-w-0 max-w-full overflow-hidden rounded-xl border border-zinc-800 bg-zinc-950 shadow-sm", className)}>
      <div className="flex items-center justify-between border-b border-white/10 bg-white/[0.03] py-1 pl-4 pr-1.5">
        <span className="text-xs font-medium text-zinc-400">{language}</span>
        <CopyButton value={code} tone="dark" label="Copy code" />
      </div>
      <pre className="code-highlight max-w-full overflow-x-auto p-4 text-[13px] leading-6 text-zinc-100" tabIndex={0} aria-label={`${language} code`}>
        {/* sugar-high escapes the code and only adds coloured spans. */}
        <code dangerouslySetInnerHTML={{ __html: highlight(code) }} />
      </pre>
    </div>
  );
}
