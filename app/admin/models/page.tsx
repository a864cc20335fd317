// GET /admin/models – edit prices, availability, upstream and limits; each save applies to the next request.
import type { Metadata } from "next";
import { ModelForm } from "@/components/admin/model-form";
import { PageHeader } from "@/components/ui/page-header";
import { lastRevisions, listModels } from "@/lib/admin-console/models";
import { requireOperator } from "@/lib/admin-console/operator";

export const metadata: Metadata = { title: "Models · Console" };

// Models page.
export default async function AdminModelsPage() {
  await requireOperator();
  const [models, revisions] = await Promise.all([listModels(), lastRevisions()]);
  return (
    <>
      <PageHeader title="Models" description="Prices are USD per million tokens. A save is in force from the next request on every instance; the previous values stay in the audit log." />
      <div className="space-y-4">
        {models.map((m) => <ModelForm key={m.id} model={m} revision={revisions.get(m.id)} />)}
      </div>
    </>
  );
}
