// GET /admin/accounts?q= – find accounts by e-mail, id, name or key (sib-…a1b2, or the whole key).
import type { Metadata } from "next";
import Link from "next/link";
import { AccountBadges } from "@/components/admin/account-badges";
import { SearchForm } from "@/components/admin/search-form";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Field } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { findAccounts } from "@/lib/admin-console/accounts";
import { requireOperator } from "@/lib/admin-console/operator";
import { formatUsd } from "@/lib/money";

export const metadata: Metadata = { title: "Accounts · Console" };

// Accounts page.
export default async function AdminAccountsPage({ searchParams }: { searchParams: Promise<{ q?: string; after?: string }> }) {
  await requireOperator();
  const { q = "", after } = await searchParams;
  const { rows, next } = await findAccounts(q, 50, after);
  return (
    <>
      <PageHeader title="Accounts" description="Search by e-mail, account id, name, or an API key as the dashboard shows it (sib-…a1b2) or whole." />
      <SearchForm action="/admin/accounts" label="Find accounts">
        <Field id="account-q" name="q" label="Search" defaultValue={q} placeholder="e-mail, id, name or sib-…a1b2" className="w-full sm:w-96" />
      </SearchForm>
      <Card>
        {rows.length === 0 ? (
          <p className="px-5 py-6 text-sm text-zinc-500">No accounts match.</p>
        ) : (
          <Table label="Accounts">
            <THead>
              <tr><TH>Account</TH><TH className="hidden sm:table-cell">Status</TH><TH className="text-right">Balance</TH><TH className="hidden md:table-cell">Created</TH></tr>
            </THead>
            <TBody>
              {rows.map((u) => (
                <TR key={u.id}>
                  <TD>
                    <Link href={`/admin/accounts/${u.id}`} className="font-medium text-brand-700 hover:underline">{u.email}</Link>
                    <span className="block text-xs text-zinc-500">{u.name ? `${u.name} · ` : ""}{u.id}</span>
                    <span className="mt-1 block sm:hidden"><AccountBadges {...u} /></span>
                  </TD>
                  <TD className="hidden sm:table-cell"><AccountBadges {...u} /></TD>
                  <TD className="text-right tabular-nums">{formatUsd(u.balance)}</TD>
                  <TD className="hidden md:table-cell"><Time date={u.createdAt} /></TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
      {next ? (
        <div className="mt-4 flex justify-end">
          <Link className={buttonClass("secondary", "sm")} href={`/admin/accounts?${new URLSearchParams({ q, after: next })}`}>Next page</Link>
        </div>
      ) : null}
    </>
  );
}
