// GET /admin/requests – every account's requests: filters, search by request id, keyset pages.
import type { Metadata } from "next";
import Link from "next/link";
import { RequestsTable } from "@/components/admin/requests-table";
import { SearchForm } from "@/components/admin/search-form";
import { Alert } from "@/components/ui/alert";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field, Label, Select } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { requireOperator } from "@/lib/admin-console/operator";
import { parseCursor, resolveRequestSearch, type RequestSearch } from "@/lib/admin-console/request-filter";
import { requestPage } from "@/lib/admin-console/requests";
import { allModels } from "@/lib/gateway/catalog";

export const metadata: Metadata = { title: "Requests · Console" };

const STATUSES = [["", "Any"], ["ok", "OK"], ["error", "Any failure"], ["upstream_error", "Upstream error"], ["client_closed", "Client closed"], ["interrupted", "Interrupted"]] as const;

// Requests page.
export default async function AdminRequestsPage({ searchParams }: { searchParams: Promise<RequestSearch> }) {
  await requireOperator();
  const search = await searchParams;
  const [{ filter, problem }, models] = await Promise.all([resolveRequestSearch(search), allModels()]);
  const page = problem ? { rows: [], next: null } : await requestPage(filter, parseCursor(search.before));
  const nextHref = page.next !== null
    ? `/admin/requests?${new URLSearchParams(Object.entries({ ...search, before: page.next.toString() }).filter((e): e is [string, string] => Boolean(e[1])))}`
    : null;
  return (
    <>
      <PageHeader title="Requests" description="The whole install's request log, newest first. Dates are UTC days." />
      <SearchForm action="/admin/requests" label="Filter requests" submit="Apply">
        <Field id="req-id" name="id" label="Request id" defaultValue={search.id} className="w-full sm:w-64" />
        <Field id="req-account" name="account" label="Account (e-mail or id)" defaultValue={search.account} className="w-full sm:w-56" />
        <Field id="req-key" name="key" label="Key (sib-…a1b2 or id)" defaultValue={search.key} className="w-full sm:w-44" />
        <div className="w-full space-y-1.5 sm:w-44">
          <Label htmlFor="req-model">Model</Label>
          <Select id="req-model" name="model" defaultValue={search.model ?? ""}>
            <option value="">Any</option>
            {models.map((m) => <option key={m.id} value={m.id}>{m.id}</option>)}
          </Select>
        </div>
        <Field id="req-channel" name="channel" label="Channel" defaultValue={search.channel} className="w-full sm:w-40" />
        <div className="w-full space-y-1.5 sm:w-40">
          <Label htmlFor="req-status">Status</Label>
          <Select id="req-status" name="status" defaultValue={search.status ?? ""}>
            {STATUSES.map(([value, label]) => <option key={value} value={value}>{label}</option>)}
          </Select>
        </div>
        <Field id="req-from" name="from" type="date" label="From" defaultValue={search.from} className="w-full sm:w-40" />
        <Field id="req-to" name="to" type="date" label="To" defaultValue={search.to} className="w-full sm:w-40" />
      </SearchForm>
      {problem ? <Alert tone="warning" className="mb-4">{problem}</Alert> : null}
      <Card className="overflow-hidden"><RequestsTable rows={page.rows} label="Requests" /></Card>
      {nextHref ? (
        <div className="mt-4 flex justify-end"><Link className={buttonClass("secondary", "sm")} href={nextHref}>Older requests</Link></div>
      ) : null}
    </>
  );
}
