// The request log's filter bar: a plain GET form, so every filtered view is a shareable URL.
import { Search } from "lucide-react";
import type { RequestSearch } from "@/lib/usage/request-search";
import { Button, LinkButton } from "../ui/button";
import { cn } from "../ui/cn";
import { Input, Label, Select } from "../ui/input";

type Props = { search: RequestSearch; keys: { id: string; name: string }[]; models: string[] };

/** A labelled select of [value, label] options. */
function Choice({ name, label, value, options, className }: { name: string; label: string; value?: string; options: [string, string][]; className?: string }) {
  return (
    <div className={cn("space-y-1.5", className)}>
      <Label htmlFor={`f-${name}`}>{label}</Label>
      <Select id={`f-${name}`} name={name} defaultValue={value ?? ""}>
        {options.map(([v, text]) => <option key={v} value={v}>{text}</option>)}
      </Select>
    </div>
  );
}

/** Search by request id, and filter by key, model, outcome and UTC dates. */
export function RequestFilters({ search, keys, models }: Props) {
  return (
    <form method="get" action="/dashboard/requests" className="grid grid-cols-2 gap-3 border-b border-zinc-100 px-4 py-4 sm:px-5 lg:grid-cols-6" role="search" aria-label="Filter requests">
      <div className="col-span-2 space-y-1.5 lg:col-span-6">
        <Label htmlFor="f-id">Request id</Label>
        <div className="relative">
          <Search className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-zinc-400" aria-hidden />
          <Input id="f-id" name="id" defaultValue={search.id} placeholder="req_… from the X-Request-Id header" className="pl-9 font-mono" autoComplete="off" />
        </div>
      </div>
      <Choice name="key" label="Key" value={search.key} className="col-span-2" options={[["", "All keys"], ...keys.map((k): [string, string] => [k.id, k.name])]} />
      <Choice name="model" label="Model" value={search.model} options={[["", "All models"], ...models.map((m): [string, string] => [m, m])]} />
      <Choice name="outcome" label="Status" value={search.outcome} options={[["", "All"], ["ok", "Succeeded"], ["failed", "Failed"]]} />
      {(["from", "to"] as const).map((name) => (
        <div key={name} className="space-y-1.5">
          <Label htmlFor={`f-${name}`}>{name === "from" ? "From (UTC)" : "To (UTC)"}</Label>
          <Input id={`f-${name}`} name={name} type="date" defaultValue={search[name]} />
        </div>
      ))}
      <div className="col-span-2 flex gap-2 lg:col-span-6">
        <Button type="submit">Apply filters</Button>
        <LinkButton href="/dashboard/requests" variant="secondary">Clear</LinkButton>
      </div>
    </form>
  );
}
