// The credit balance, this month's spend, and where to top up or look closer.
import { ArrowDown, ArrowRight, Wallet } from "lucide-react";
import Link from "next/link";
import type { BillingAccount } from "@/lib/billing/account";
import { Money } from "@/components/ui/money";
import { Card } from "../ui/card";

/** A full-height card: balance on top, month-to-date spend and links below. */
export function BalanceCard({ account }: { account: BillingAccount }) {
  const { balance, month } = account;
  return (
    <Card className="flex h-full flex-col p-5">
      <div className="flex items-center justify-between text-sm text-zinc-500">
        <h2 className="font-medium">Credit balance</h2>
        <Wallet className="size-4 text-zinc-400" aria-hidden />
      </div>
      <p className="mt-2 text-3xl font-semibold tabular-nums tracking-tight text-zinc-950">
        <Money data-testid="balance" data-balance-nano={balance.toString()} nano={balance} />
      </p>
      <p className="mt-1 text-sm text-zinc-500">Prepaid credits pay for every API request, on every plan.</p>
      {balance <= 0n ? <p className="mt-3 text-sm font-medium text-red-700">Your balance is empty: API calls answer 402 until you add credits.</p> : null}
      <dl className="mt-5 space-y-2 border-t border-zinc-100 pt-4 text-sm">
        <div className="flex justify-between gap-3">
          <dt className="text-zinc-500">Spent this month</dt>
          <dd className="tabular-nums text-zinc-900"><Money nano={month.spend} /></dd>
        </div>
        <div className="flex justify-between gap-3">
          <dt className="text-zinc-500">Requests this month</dt>
          <dd className="tabular-nums text-zinc-900">{month.requests.toLocaleString("en-US")}</dd>
        </div>
      </dl>
      <div className="mt-auto flex flex-wrap gap-x-5 gap-y-2 pt-5 text-sm font-medium">
        <a href="#buy-credits" className="inline-flex items-center gap-1 text-brand-700 hover:text-brand-800">Buy credits <ArrowDown className="size-3.5" aria-hidden /></a>
        <Link href="/dashboard/usage" className="inline-flex items-center gap-1 text-brand-700 hover:text-brand-800">View usage <ArrowRight className="size-3.5" aria-hidden /></Link>
      </div>
    </Card>
  );
}
