"use client";
// One line or bar series over time for the console's overview (hourly or daily points).
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type SeriesPoint = { label: string; a: number; b?: number };
type Unit = "count" | "usd" | "ms" | "percent";

const FORMATS: Record<Unit, (v: number) => string> = {
  count: (v) => (v >= 1e6 ? `${+(v / 1e6).toFixed(1)}M` : v >= 1e3 ? `${+(v / 1e3).toFixed(1)}k` : String(v)),
  usd: (v) => `$${v >= 100 ? v.toFixed(0) : v.toFixed(2)}`,
  ms: (v) => `${Math.round(v)} ms`,
  percent: (v) => `${+v.toFixed(1)}%`,
};

/** A small chart: bars for one series, or two lines (e.g. p50 and p95); `summary` is read to screen readers. */
export function SeriesChart({ points, kind, names, summary, unit }: {
  points: SeriesPoint[];
  kind: "bar" | "lines";
  names: [string, string?];
  summary: string;
  unit: Unit;
}) {
  const format = FORMATS[unit];
  const axis = { tickLine: false, axisLine: false, tick: { fontSize: 11, fill: "#71717a" } };
  return (
    <figure className="relative m-0 h-48" aria-label={summary}>
      <figcaption className="sr-only">{summary}</figcaption>
      {points.length === 0 ? <p className="absolute inset-0 flex items-center justify-center text-sm text-zinc-500">No requests in this window</p> : null}
      <ResponsiveContainer width="100%" height="100%">
        {kind === "bar" ? (
          <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke="#f4f4f5" />
            <XAxis dataKey="label" {...axis} minTickGap={16} />
            <YAxis {...axis} width={56} tickFormatter={format} />
            <Tooltip formatter={(v) => format(Number(v))} />
            <Bar dataKey="a" name={names[0]} fill="#4f46e5" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          </BarChart>
        ) : (
          <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke="#f4f4f5" />
            <XAxis dataKey="label" {...axis} minTickGap={16} />
            <YAxis {...axis} width={56} tickFormatter={format} />
            <Tooltip formatter={(v) => format(Number(v))} />
            <Line dataKey="a" name={names[0]} stroke="#4f46e5" dot={false} isAnimationActive={false} />
            {names[1] ? <Line dataKey="b" name={names[1]} stroke="#f59e0b" dot={false} isAnimationActive={false} /> : null}
          </LineChart>
        )}
      </ResponsiveContainer>
    </figure>
  );
}
