"use client";
// A button that copies a text to the clipboard and says so.
import { Check, Copy } from "lucide-react";
import { useState } from "react";
import { cn } from "./cn";

async function writeClipboard(text: string): Promise<void> {
  if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  document.execCommand("copy");
  area.remove();
}

/** Copy `value` on click; the label switches to "Copied" for a moment. */
export function CopyButton({ value, label = "Copy", className, tone = "light" }: { value: string; label?: string; className?: string; tone?: "light" | "dark" }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      onClick={async () => {
        await writeClipboard(value);
        setCopied(true);
        setTimeout(() => setCopied(false), 1600);
      }}
      className={cn(
        "inline-flex h-8 items-center gap-1.5 rounded-md px-2.5 text-xs font-medium transition-colors [&_svg]:size-3.5",
        tone === "dark" ? "text-zinc-300 hover:bg-white/10 hover:text-white" : "border border-zinc-300 bg-white text-zinc-700 shadow-sm hover:bg-zinc-50",
        className,
      )}
    >
      {copied ? <Check aria-hidden /> : <Copy aria-hidden />}
      <span aria-live="polite">{copied ? "Copied" : label}</span>
    </button>
  );
}
