// A highlighted tip or warning in the docs.
import { Info, TriangleExclamationPoint } from "lucide-react";
import type { ReactNode } from "react";

/** A tip (brand) or warning (amber) box. */
export function Callout({ tone = "tip", children }: { tone?: "tip" | "warning"; children: ReactNode }) {
  const Icon = tone === "tip" ? Info : TriangleExclamationPoint;
  return (
    <div className={`my-6 flex gap-3 rounded-xl border px-4 py-3 text-sm leading-6 ${tone === "tip" ? "border-brand-200 bg-brand-50/70 text-brand-950" : "border-amber-200 bg-amber-50 text-amber-950"}`}>
      <Icon className={`mt-1 size-4 shrink-0 ${tone === "tip" ? "text-brand-600" : "text-amber-600"}`} aria-hidden />
      <div>{children}</div>
    </div>
  );
}
