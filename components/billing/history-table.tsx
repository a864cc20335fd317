// The ledger history: one row per grant, top-up or adjustment, usage summed per UTC day (at the day's end), with the running balance.
import { ChevronLeft, ChevronRight, ExternalLink, ReceiptText } from "lucide-react";
import { SIGNUP_GRANT_DESCRIPTION } from "@/lib/accounts/signup-grant";
import { CREDIT_DESCRIPTION, DEBIT_DESCRIPTION } from "@/lib/admin-console/credits";
import type { HistoryPage } from "@/lib/billing/history";
import type { LedgerKind } from "@/lib/generated/prisma/enums";
import { Badge } from "../ui/badge";
import { LinkButton } from "../ui/button";
import { Money } from "../ui/money";
import { EmptyState } from "../ui/empty-state";
import { Table, TBody, TD, TH, THead, TR } from "../ui/table";
import { formatDate } from "../ui/time";

const KINDS: Record<LedgerKind, { label: string; tone: "brand" | "green" | "neutral" | "amber" }> = {
  GRANT: { label: "Grant", tone: "brand" },
  TOPUP: { label: "Top-up", tone: "green" },
  USAGE: { label: "Usage", tone: "neutral" },
  ADJUSTMENT: { label: "Adjustment", tone: "amber" },
};

function formatTime(date: Date): string {
  return date.toISOString().slice(11, 16);
}

/**
 * What the customer reads for a row: an operator's grant or adjustment reason is internal, so it is
 * never shown — also on entries booked before reasons moved out of the description.
 */
function customerDescription(row: HistoryPage["rows"][number]): string {
  if (row.kind === "GRANT") return row.description === SIGNUP_GRANT_DESCRIPTION ? row.description : CREDIT_DESCRIPTION;
  if (row.kind === "ADJUSTMENT") return DEBIT_DESCRIPTION;
  return row.description;
}

/** The table with newer/older paging links (`?page=N`); `receipts` maps a ledger reference to Stripe's hosted receipt. */
export function HistoryTable({ history, receipts }: { history: HistoryPage; receipts: Record<string, string> }) {
  if (history.total === 0) {
    return <EmptyState icon={<ReceiptText />} title="No transactions yet" description="Grants, credit purchases and daily usage will appear here." />;
  }
  const href = (page: number) => `/dashboard/billing?page=${page}#history`;
  return (
    <>
      <Table label="Ledger history">
        <THead>
          <tr>
            <TH className="hidden sm:table-cell">Date</TH>
            <TH>Description</TH>
            <TH className="text-right">Amount</TH>
            <TH className="hidden text-right sm:table-cell">Balance</TH>
          </tr>
        </THead>
        <TBody>
          {history.rows.map((row, i) => {
            const when = (
              <>
                <time dateTime={row.at.toISOString()}>{formatDate(row.at)}</time>
                <span className="text-zinc-500"> · {row.kind === "USAGE" ? "daily total" : `${formatTime(row.at)} UTC`}</span>
              </>
            );
            return (
              <TR key={`${row.day}-${row.kind}-${i}`} data-kind={row.kind} data-amount-nano={row.amount.toString()}>
                <TD className="hidden text-zinc-500 sm:table-cell">{when}</TD>
                <TD className="whitespace-normal">
                  <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                    <Badge tone={KINDS[row.kind].tone}>{KINDS[row.kind].label}</Badge>
                    <span className="text-zinc-800">{customerDescription(row)}</span>
                    {row.kind === "TOPUP" && receipts[row.reference] ? (
                      <a href={receipts[row.reference]} target="_blank" rel="noopener noreferrer" className="inline-flex items-center gap-1 text-xs font-medium text-brand-700 hover:text-brand-800">
                        Receipt <ExternalLink className="size-3" aria-hidden /><span className="sr-only"> (opens Stripe)</span>
                      </a>
                    ) : null}
                  </div>
                  <div className="mt-1 text-xs text-zinc-500 sm:hidden">{when}</div>
                </TD>
                <TD className="text-right align-top sm:align-middle">
                  <div className={row.amount >= 0n ? "font-medium tabular-nums text-emerald-700" : "tabular-nums text-zinc-900"}><Money nano={row.amount} signed /></div>
                  <div className="mt-1 text-xs tabular-nums text-zinc-500 sm:hidden">Balance <Money nano={row.balanceAfter} /></div>
                </TD>
                <TD className="hidden text-right tabular-nums text-zinc-900 sm:table-cell"><Money nano={row.balanceAfter} /></TD>
              </TR>
            );
          })}
        </TBody>
      </Table>
      <nav aria-label="History pages" className="flex items-center justify-between gap-3 border-t border-zinc-100 px-5 py-3 text-sm text-zinc-500">
        <span>Page {history.page} of {history.pages} · {history.total} {history.total === 1 ? "entry" : "entries"}</span>
        <div className="flex gap-2">
          {history.page > 1 ? <LinkButton href={href(history.page - 1)} variant="secondary" size="sm"><ChevronLeft aria-hidden /> Newer</LinkButton> : null}
          {history.page < history.pages ? <LinkButton href={href(history.page + 1)} variant="secondary" size="sm">Older <ChevronRight aria-hidden /></LinkButton> : null}
        </div>
      </nav>
    </>
  );
}
