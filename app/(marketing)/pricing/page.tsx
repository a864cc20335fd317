// GET /pricing – plans and per-token model prices.
import type { Metadata } from "next";
import { ModelTable } from "@/components/catalog/model-table";
import { PlanCards } from "@/components/catalog/plan-cards";
import { SiteHeader } from "@/components/marketing/site-header";
import { Section } from "@/components/marketing/section";
import { Card } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/session";
import { enabledModels } from "@/lib/gateway/catalog";

export const metadata: Metadata = { title: "Pricing" };

// Pricing page.
export default async function PricingPage() {
  const [models, user] = await Promise.all([enabledModels(), getCurrentUser()]);
  return (
    <>
      <SiteHeader />
      <main id="main">
        <Section eyebrow="Pricing" title="Simple plans, per-token prices" lead="Plans set your rate limits. What you use is billed per token from a prepaid balance — top it up any time.">
          <PlanCards signedIn={Boolean(user)} />
        </Section>
        <div className="bg-zinc-50">
          <Section id="models" title="Model prices" lead="Per million tokens, billed to the exact token.">
            <Card className="overflow-hidden">
              <ModelTable models={models} />
            </Card>
          </Section>
        </div>
      </main>
    </>
  );
}
