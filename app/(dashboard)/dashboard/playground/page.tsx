// GET /dashboard/playground – chat with any model through the API, billed to this account.
import type { Metadata } from "next";
import { Playground } from "@/components/playground/playground";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/session";
import { publicUrl } from "@/lib/env";
import { enabledModels } from "@/lib/gateway/catalog";

export const metadata: Metadata = { title: "Playground" };

// Playground page.
export default async function PlaygroundPage() {
  await requireUser();
  const models = await enabledModels();
  return (
    <>
      <PageHeader title="Playground" description="Chat with any model. Each call is billed to your balance like any API request and shows up in Usage under “Playground”." />
      <Playground
        baseUrl={publicUrl()}
        models={models.map((m) => ({ id: m.id, description: m.description, inputPrice: m.inputPrice.toString(), outputPrice: m.outputPrice.toString(), maxOutputTokens: m.maxOutputTokens }))}
      />
    </>
  );
}
