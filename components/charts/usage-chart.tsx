"use client";
// Stacked bars per day, one colour per model or key: the usage charts.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatCost } from "@/lib/money-format";
import { roundTicks } from "@/lib/usage/ticks";

const COLORS = ["#4f46e5", "#10b981", "#f59e0b", "#0ea5e9", "#f43f5e", "#a78bfa", "#a1a1aa"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function dayLabel(day: string): string {
  const [, m, d] = day.split("-");
  return `${MONTHS[Number(m) - 1]} ${Number(d)}`;
}

function compact(value: number): string {
  if (value >= 1_000_000) return `${+(value / 1_000_000).toFixed(1)}M`;
  if (value >= 1_000) return `${+(value / 1_000).toFixed(1)}k`;
  return String(value);
}

/** An axis tick in dollars: round ticks need no more decimals than they have ("$0.0004", "$1.50"). */
function usd(value: number): string {
  if (value === 0) return "$0";
  return formatCost(BigInt(Math.round(value * 1e9)));
}

export type UsageChartProps = {
  days: string[];
  groups: { id: string; label: string }[];
  values: Record<string, number>[];
  unit: "tokens" | "usd";
  /** What the chart shows, for screen readers (e.g. totals). */
  summary: string;
  height?: number;
};

/** A stacked bar chart of daily usage; keeps its height while loading, so nothing jumps. */
export function UsageChart({ days, groups, values, unit, summary, height = 260 }: UsageChartProps) {
  const data = days.map((day, i) => ({ day, ...values[i] }));
  const format = unit === "usd" ? usd : compact;
  const empty = groups.length === 0;
  const step = days.length <= 7 ? 1 : days.length <= 30 ? 5 : 15;
  const ticks = days.filter((_, i) => (days.length - 1 - i) % step === 0);
  const max = Math.max(0, ...values.map((v) => Object.values(v).reduce((sum, x) => sum + x, 0)));
  const yTicks = roundTicks(unit === "usd" ? max : Math.max(4, Math.ceil(max))); // whole tokens
  return (
    <figure className="relative m-0" style={{ height }} aria-label={summary} data-testid={`usage-chart-${unit}`}>
      <figcaption className="sr-only">{summary}</figcaption>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 24, bottom: 0, left: 0 }} barCategoryGap="18%">
          <CartesianGrid vertical={false} stroke="#f4f4f5" />
          <XAxis dataKey="day" ticks={ticks} interval="preserveEnd" minTickGap={10} tickFormatter={dayLabel} tickLine={false} axisLine={false} tick={{ fontSize: 11, fill: "#71717a" }} />
          <YAxis ticks={yTicks} domain={[0, yTicks[yTicks.length - 1]]} tickFormatter={format} tickLine={false} axisLine={false} tick={{ fontSize: 11, fill: "#71717a" }} width={unit === "usd" ? 76 : 52} allowDecimals={unit === "usd"} />
          {empty ? null : (
            <Tooltip
              cursor={{ fill: "#f4f4f5" }}
              labelFormatter={(label) => dayLabel(String(label))}
              formatter={(value, name) => [unit === "usd" ? formatCost(BigInt(Math.round(Number(value) * 1e9))) : Number(value).toLocaleString("en-US"), name]}
              contentStyle={{ borderRadius: 8, border: "1px solid #e4e4e7", fontSize: 12, boxShadow: "0 4px 12px rgb(0 0 0 / 0.08)" }}
            />
          )}
          {groups.length > 1 ? <Legend iconType="circle" iconSize={8} wrapperStyle={{ fontSize: 12, paddingTop: 8 }} /> : null}
          {groups.map((group, i) => (
            <Bar
              key={group.id}
              dataKey={group.id}
              name={group.label}
              stackId="usage"
              fill={group.id === "__other" ? COLORS[COLORS.length - 1] : COLORS[i % (COLORS.length - 1)]}
              radius={i === groups.length - 1 ? [3, 3, 0, 0] : 0}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
      {empty ? (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
          <p className="rounded-md bg-white/90 px-3 py-1.5 text-sm text-zinc-500">No usage in this period yet</p>
        </div>
      ) : null}
    </figure>
  );
}
