// A headline number with its label.
import type { ReactNode } from "react";
import { Card } from "./card";

/** A card showing one figure, e.g. balance or requests this month. */
export function Stat({ label, value, hint, icon }: { label: string; value: ReactNode; hint?: ReactNode; icon?: ReactNode }) {
  return (
    <Card className="p-5">
      <div className="flex items-center justify-between text-sm text-zinc-500">
        <span>{label}</span>
        {icon ? <span className="text-zinc-400 [&_svg]:size-4" aria-hidden>{icon}</span> : null}
      </div>
      <p className="mt-2 text-2xl font-semibold tabular-nums text-zinc-950">{value}</p>
      {hint ? <p className="mt-1 text-xs text-zinc-500">{hint}</p> : null}
    </Card>
  );
}
