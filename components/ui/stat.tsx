// A headline number with its label.
import type { ReactNode } from "react";
import { Card } from "./card";
import { cn } from "./cn";

/** A card showing one figure, e.g. balance or requests this month. */
export function Stat({ label, value, hint, icon, className }: { label: string; value: ReactNode; hint?: ReactNode; icon?: ReactNode; className?: string }) {
  return (
    <Card className={cn("min-w-0 p-4 sm:p-5", className)}>
      <div className="flex items-center justify-between text-sm text-zinc-500">
        <span>{label}</span>
        {icon ? <span className="text-zinc-400 [&_svg]:size-4" aria-hidden>{icon}</span> : null}
      </div>
      <p className="mt-2 truncate text-lg font-semibold tabular-nums text-zinc-950 sm:text-2xl">{value}</p>
      {hint ? <p className="mt-1 text-xs text-zinc-500">{hint}</p> : null}
    </Card>
  );
}
