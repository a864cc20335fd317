// A small "top N" table of the overview: label, requests, revenue.
import Link from "next/link";
import type { Top } from "@/lib/admin-console/overview";
import { Card, CardHeader } from "../ui/card";
import { Money } from "../ui/money";
import { Table, TBody, TD, TH, THead, TR } from "../ui/table";

/** The top rows of one dimension; `href` links each row to its detail. */
export function TopTable({ title, rows, href }: { title: string; rows: Top[]; href?: (key: string) => string }) {
  return (
    <Card className="min-w-0">
      <CardHeader title={title} />
      {rows.length === 0 ? (
        <p className="px-5 py-4 text-sm text-zinc-500">No requests in this window.</p>
      ) : (
        <Table label={title}>
          <THead>
            <tr><TH>Name</TH><TH className="text-right">Requests</TH><TH className="text-right">Revenue</TH></tr>
          </THead>
          <TBody>
            {rows.map((r) => (
              <TR key={r.key}>
                <TD className="w-full max-w-0 truncate">{href && r.key ? <Link className="text-brand-700 hover:underline" href={href(r.key)}>{r.label}</Link> : r.label}</TD>
                <TD className="text-right tabular-nums">{r.requests.toLocaleString("en-US")}</TD>
                <TD className="text-right tabular-nums"><Money nano={r.cost} /></TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
    </Card>
  );
}
