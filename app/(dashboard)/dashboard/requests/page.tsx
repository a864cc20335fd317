// GET /dashboard/requests – the request log: every authenticated call, failed ones too, filtered and searchable.
import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { RequestFilters } from "@/components/usage/request-filters";
import { RequestsTable } from "@/components/usage/requests-table";
import { requireUser } from "@/lib/auth/session";
import { keyNames } from "@/lib/keys/list";
import { filterOf, searchHref, type RequestSearch } from "@/lib/usage/request-search";
import { loggedModels, requestLog } from "@/lib/usage/requests";

export const metadata: Metadata = { title: "Request log" };

// Request log page.
export default async function RequestsPage({ searchParams }: { searchParams: Promise<RequestSearch> }) {
  const user = await requireUser();
  const search = await searchParams;
  const [names, models] = await Promise.all([keyNames(user.id), loggedModels(user.id)]);
  const data = await requestLog(user.id, filterOf(search, new Set(names.keys())), search.cursor);
  const keys = [...names].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <PageHeader title="Request log" description="Every call made with your API keys or the playground, failed ones too. Search by the X-Request-Id header of a response." />
      <Card className="overflow-hidden">
        <RequestFilters search={search} keys={keys} models={models} />
        <RequestsTable data={data} href={(cursor) => searchHref(search, cursor)} paged={Boolean(search.cursor)} empty="No request matches these filters." />
      </Card>
    </>
  );
}
