// GET /dashboard – overview (filled in by the next commit).
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";

// Overview page.
export default async function OverviewPage() {
  const user = await requireUser();
  return <PageHeader title="Overview" description={`Signed in as ${user.email}`} />;
}
