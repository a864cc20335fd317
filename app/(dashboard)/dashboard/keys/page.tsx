// GET /dashboard/keys – create, list, rotate and revoke API keys.
import type { Metadata } from "next";
import Link from "next/link";
import { KeyRound } from "lucide-react";
import { CreateKeyButton } from "@/components/keys/create-key-button";
import { KeyActions } from "@/components/keys/key-actions";
import { KeyExpiry } from "@/components/keys/key-expiry";
import { SpendSummary } from "@/components/keys/spend-summary";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TBody, TD, TH, THead, TR } from "@/components/ui/table";
import { Time } from "@/components/ui/time";
import { planName } from "@/components/catalog/plans";
import { requireUser } from "@/lib/auth/session";
import { listKeys } from "@/lib/keys/list";
import { enabledModels } from "@/lib/gateway/catalog";
import { accountSummary } from "@/lib/usage/summary";

export const metadata: Metadata = { title: "API keys" };

// Keys page.
export default async function KeysPage() {
  const user = await requireUser();
  const [keys, summary, catalog] = await Promise.all([listKeys(user.id), accountSummary(user.id), enabledModels()]);
  const models = catalog.map((m) => ({ id: m.id, provider: m.provider }));
  const max = summary.limits.maxKeys;
  const atCap = keys.length >= max;
  return (
    <>
      <PageHeader
        title="API keys"
        description={<>Keys authenticate your calls to the API. Your {planName(summary.plan)} plan allows {max} live keys; you have <span data-testid="key-count">{keys.length}</span>.</>}
        actions={<CreateKeyButton models={models} />}
      />
      {atCap ? (
        <Alert tone="warning" className="mb-6" title="You have reached your plan's key limit">
          Revoke a key you no longer use, or <Link href="/dashboard/billing" className="font-medium underline">upgrade your plan</Link> to create more.
        </Alert>
      ) : null}
      <Card className="overflow-hidden">
        {keys.length === 0 ? (
          <EmptyState icon={<KeyRound />} title="No API keys yet" description="Create a key to start calling the API. Its secret is shown once, so keep it somewhere safe." action={<CreateKeyButton models={models} />} />
        ) : (
          <Table label="API keys">
            <THead>
              <tr>
                <TH>Name</TH>
                <TH className="hidden sm:table-cell">Key</TH>
                <TH className="hidden sm:table-cell">Spend limit</TH>
                <TH className="hidden lg:table-cell">Created</TH>
                <TH className="hidden sm:table-cell">Last used</TH>
                <TH><span className="sr-only">Actions</span></TH>
              </tr>
            </THead>
            <TBody>
              {keys.map((key) => (
                <TR key={key.id} data-key-id={key.id}>
                  <TD>
                    <Link href={`/dashboard/keys/${key.id}`} className="font-medium text-zinc-900 hover:text-brand-700 hover:underline">{key.name}</Link>
                    <KeyExpiry expiresAt={key.controls.expiresAt} className="ml-2" />
                    {/* Small screens: the prefix and last use under the name, where the hidden columns would be. */}
                    <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-zinc-500 sm:hidden">
                      <code className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-zinc-700">{key.prefix}</code>
                      <span>{key.lastUsedAt ? <>used <Time date={key.lastUsedAt} mode="ago" /></> : "never used"}</span>
                      {key.controls.spendLimit ? <SpendSummary controls={key.controls} /> : null}
                    </div>
                  </TD>
                  <TD className="hidden sm:table-cell"><code className="rounded bg-zinc-100 px-1.5 py-0.5 font-mono text-[13px] text-zinc-700">{key.prefix}</code></TD>
                  <TD className="hidden sm:table-cell"><SpendSummary controls={key.controls} /></TD>
                  <TD className="hidden lg:table-cell"><Time date={key.createdAt} /></TD>
                  <TD className="hidden sm:table-cell">{key.lastUsedAt ? <Time date={key.lastUsedAt} mode="ago" /> : <span className="text-zinc-500">Never</span>}</TD>
                  <TD><KeyActions id={key.id} name={key.name} /></TD>
                </TR>
              ))}
            </TBody>
          </Table>
        )}
      </Card>
      <p className="mt-4 text-sm text-zinc-500">
        Keep keys out of client-side code and repositories. Send them as <code className="code-inline">Authorization: Bearer sib-…</code>. See the <Link href="/docs#authentication" className="font-medium text-brand-700 hover:underline">docs</Link>.
      </p>
    </>
  );
}
