"use client";
// One line or bar series over time for the console's overview (hourly or daily points).
import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { roundTicks } from "@/lib/usage/ticks";

/** A point; null where nothing was measured (a line breaks there). */
export type SeriesPoint = { label: string; a: number | null; b?: number | null };
type Unit = "count" | "usd" | "ms" | "percent";

/** A round dollar tick with as many decimals as it has (at least two): "$0.05", "$0.025", "$150". */
function usdTick(v: number): string {
  if (v >= 100) return `$${v.toFixed(0)}`;
  const decimals = String(+v.toPrecision(6)).split(".")[1]?.length ?? 0;
  return `$${v.toFixed(Math.max(2, decimals))}`;
}

/** Axis ticks: short enough for the axis's width. */
const TICKS: Record<Unit, (v: number) => string> = {
  count: (v) => (v >= 1e6 ? `${+(v / 1e6).toFixed(1)}M` : v >= 1e3 ? `${+(v / 1e3).toFixed(1)}k` : String(v)),
  usd: usdTick,
  ms: (v) => (v >= 1000 ? `${+(v / 1000).toFixed(1)} s` : `${v} ms`),
  percent: (v) => `${+v.toFixed(1)}%`,
};

/** Tooltip values. */
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
  const max = Math.max(0, ...points.map((p) => Math.max(p.a ?? 0, p.b ?? 0)));
  const ticks = roundTicks(unit === "usd" ? max : Math.max(4, Math.ceil(max)));
  const yAxis = { ...axis, width: unit === "ms" ? 64 : 56, ticks, domain: [0, ticks[ticks.length - 1]], tickFormatter: TICKS[unit], allowDecimals: unit === "usd" };
  return (
    <figure className="relative m-0 h-48" aria-label={summary}>
      <figcaption className="sr-only">{summary}</figcaption>
      {points.length === 0 ? <p className="absolute inset-0 flex items-center justify-center text-sm text-zinc-500">No requests in this window</p> : null}
      <ResponsiveContainer width="100%" height="100%">
        {kind === "bar" ? (
          <BarChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke="#f4f4f5" />
            <XAxis dataKey="label" {...axis} minTickGap={16} />
            <YAxis {...yAxis} />
            <Tooltip formatter={(v) => format(Number(v))} />
            <Bar dataKey="a" name={names[0]} fill="#4f46e5" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          </BarChart>
        ) : (
          <LineChart data={points} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke="#f4f4f5" />
            <XAxis dataKey="label" {...axis} minTickGap={16} />
            <YAxis {...yAxis} />
            <Tooltip formatter={(v) => format(Number(v))} />
            {/* Dots too: an hour with requests between empty ones is a point, not a line. */}
            <Line dataKey="a" name={names[0]} stroke="#4f46e5" dot={{ r: 2.5, strokeWidth: 0, fill: "#4f46e5" }} isAnimationActive={false} />
            {names[1] ? <Line dataKey="b" name={names[1]} stroke="#f59e0b" dot={{ r: 2.5, strokeWidth: 0, fill: "#f59e0b" }} isAnimationActive={false} /> : null}
          </LineChart>
        )}
      </ResponsiveContainer>
    </figure>
  );
}
