// The request log's filter bar: a plain GET form, so every filtered view is a shareable URL.
import { Search } from "lucide-react";
import type { RequestSearch } from "@/lib/usage/request-search";
import { Button, LinkButton } from "../ui/button";
import { Input, Label, Select } from "../ui/input";

type Props = { search: RequestSearch; keys: { id: string; name: string }[]; models: string[] };

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
      <div className="col-span-2 space-y-1.5">
        <Label htmlFor="f-key">Key</Label>
        <Select id="f-key" name="key" defaultValue={search.key ?? ""}>
          <option value="">All keys</option>
          {keys.map((k) => <option key={k.id} value={k.id}>{k.name}</option>)}
        </Select>
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="f-model">Model</Label>
        <Select id="f-model" name="model" defaultValue={search.model ?? ""}>
          <option value="">All models</option>
          {models.map((m) => <option key={m} value={m}>{m}</option>)}
        </Select>
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="f-outcome">Status</Label>
        <Select id="f-outcome" name="outcome" defaultValue={search.outcome ?? ""}>
          <option value="">All</option>
          <option value="ok">Succeeded</option>
          <option value="failed">Failed</option>
        </Select>
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="f-from">From (UTC)</Label>
        <Input id="f-from" name="from" type="date" defaultValue={search.from} />
      </div>
      <div className="space-y-1.5">
        <Label htmlFor="f-to">To (UTC)</Label>
        <Input id="f-to" name="to" type="date" defaultValue={search.to} />
      </div>
      <div className="col-span-2 flex gap-2 lg:col-span-6">
        <Button type="submit">Apply filters</Button>
        <LinkButton href="/dashboard/requests" variant="secondary">Clear</LinkButton>
      </div>
    </form>
  );
}
