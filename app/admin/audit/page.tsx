// GET /admin/audit – every operator action (console and CLI): who, what, when, before and after; CSV export.
import type { Metadata } from "next";
import Link from "next/link";
import { Download } from "lucide-react";
import { SearchForm } from "@/components/admin/search-form";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { auditFilter, type AuditSearch } from "@/lib/admin-console/audit-filter";
import { parseCursor } from "@/lib/admin-console/request-filter";
import { requireOperator } from "@/lib/admin-console/operator";
import { auditPage } from "@/lib/audit/query";

export const metadata: Metadata = { title: "Audit log · Console" };

const json = (value: unknown) => (value == null ? "—" : JSON.stringify(value));

// Audit page.
export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<AuditSearch> }) {
  await requireOperator();
  const search = await searchParams;
  const page = await auditPage(auditFilter(search), parseCursor(search.before));
  const params = (before?: string) => {
    const p = new URLSearchParams();
    for (const k of ["action", "actor", "target", "from", "to"] as const) if (search[k]) p.set(k, search[k]);
    if (before) p.set("before", before);
    return p;
  };
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every operator action, from the console and the CLI. Append-only: the database refuses to change or delete a row."
        actions={<a className={buttonClass("secondary", "md")} href={`/admin/audit/export?${params()}`} download><Download aria-hidden /> Export CSV</a>}
      />
      <SearchForm action="/admin/audit" label="Filter the audit log" submit="Apply">
        <Field id="audit-action" name="action" label="Action" placeholder="account.grant" defaultValue={search.action} className="w-full sm:w-48" />
        <Field id="audit-actor" name="actor" label="Operator" placeholder="e-mail or cli:" defaultValue={search.actor} className="w-full sm:w-56" />
        <Field id="audit-target" name="target" label="Target id" defaultValue={search.target} className="w-full sm:w-56" />
        <Field id="audit-from" name="from" type="date" label="From" defaultValue={search.from} className="w-full sm:w-40" />
        <Field id="audit-to" name="to" type="date" label="To" defaultValue={search.to} className="w-full sm:w-40" />
      </SearchForm>
      <Card className="overflow-hidden">
        {page.rows.length === 0 ? <p className="px-5 py-6 text-sm text-zinc-500">No entries match.</p> : (
          <Table label="Audit log">
            <THead><tr><TH>Time (UTC)</TH><TH>Operator</TH><TH>Action</TH><TH>Target</TH><TH>Reason</TH><TH>Before</TH><TH>After</TH></tr></THead>
            <TBody>
              {page.rows.map((r) => (
                <TR key={r.id.toString()}>
                  <TD><Time date={r.createdAt} mode="datetime" /></TD>
                  <TD>{r.actor}</TD>
                  <TD className="font-mono text-xs">{r.action}</TD>
                  <TD>{r.targetType === "account" && r.targetId ? <Link className="text-brand-700 hover:underline" href={`/admin/accounts/${r.targetId}`}>{r.targetId}</Link> : `${r.targetType} ${r.targetId ?? ""}`}</TD>
                  <TD className="max-w-[16rem] whitespace-normal">{r.reason ?? "—"}</TD>
                  <TD className="max-w-[16rem] whitespace-normal break-all font-mono text-xs">{json(r.before)}</TD>
                  <TD className="max-w-[16rem] whitespace-normal break-all font-mono text-xs">{json(r.after)}</TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
      {page.next !== null ? (
        <div className="mt-4 flex justify-end"><Link className={buttonClass("secondary", "sm")} href={`/admin/audit?${params(page.next.toString())}`}>Older entries</Link></div>
      ) : null}
    </>
  );
}
