// GET / – the landing page: what SIB AI is, live models and prices, plans, quick start.
import { ArrowRight, Gauge, KeyRound, Radio, Wallet } from "lucide-react";
import { ModelTable } from "@/components/catalog/model-table";
import { PlanCards } from "@/components/catalog/plan-cards";
import { SiteHeader } from "@/components/marketing/site-header";
import { Section } from "@/components/marketing/section";
import { firstCallSnippets } from "@/components/snippets/code";
import { SnippetTabs } from "@/components/snippets/snippet-tabs";
import { LinkButton } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { getCurrentUser } from "@/lib/auth/session";
import { publicUrl } from "@/lib/env";
import { enabledModels } from "@/lib/gateway/catalog";

const FEATURES = [
  { icon: KeyRound, title: "Drop-in OpenAI compatible", text: "Keep your OpenAI SDK. Change the base URL and key, pick a model, ship." },
  { icon: Wallet, title: "Pay per token", text: "A prepaid balance billed to the nano-dollar. No minimums, no surprise invoices." },
  { icon: Radio, title: "Streaming included", text: "Server-sent events chunk by chunk, with token usage at the end of the stream." },
  { icon: Gauge, title: "Limits you can see", text: "Requests and tokens per minute per key, reported in every response's headers." },
];

const STEPS = [
  { title: "Create an account", text: "Sign up with your e-mail. $5 of credits land in your balance straight away." },
  { title: "Copy your API key", text: "Create a key in the dashboard. It starts with sib- and is shown once." },
  { title: "Make your first request", text: "Point any OpenAI SDK at this base URL and call any model below." },
];

// Landing page.
export default async function LandingPage() {
  const [models, user] = await Promise.all([enabledModels(), getCurrentUser()]);
  const baseUrl = publicUrl();
  const snippets = firstCallSnippets(baseUrl);
  const hero = firstCallSnippets(baseUrl, "Hello!")[1];
  return (
    <>
      <div className="relative overflow-hidden bg-zinc-950">
        <div aria-hidden className="pointer-events-none absolute inset-0 bg-[radial-gradient(60rem_30rem_at_70%_-10%,rgb(99_102_241/0.35),transparent_70%)]" />
        <div aria-hidden className="pointer-events-none absolute inset-0 bg-[linear-gradient(to_right,rgb(255_255_255/0.04)_1px,transparent_1px),linear-gradient(to_bottom,rgb(255_255_255/0.04)_1px,transparent_1px)] bg-[size:56px_56px] [mask-image:linear-gradient(to_bottom,black,transparent)]" />
        <SiteHeader tone="dark" />
        <main id="main">
          <div className="relative mx-auto grid max-w-6xl items-center gap-12 px-4 pb-20 pt-14 sm:px-6 lg:grid-cols-[1.05fr_1fr] lg:pb-28 lg:pt-20">
            <div>
              <p className="inline-flex items-center gap-2 rounded-full border border-white/10 bg-white/5 px-3 py-1 text-xs font-medium text-zinc-300">
                <span className="size-1.5 rounded-full bg-emerald-400" aria-hidden />
                {models.length} models · DeepSeek · Qwen · GLM
              </p>
              <h1 className="mt-6 text-4xl font-semibold leading-[1.1] text-white sm:text-5xl">
                China&rsquo;s strongest models.
                <br />
                <span className="text-brand-300">One OpenAI-compatible API.</span>
              </h1>
              <p className="mt-6 max-w-xl text-lg leading-8 text-zinc-300">
                Call DeepSeek, Qwen and GLM with the OpenAI SDK you already use. Pay per token from a prepaid balance — and start with $5 of free credits, no credit card required.
              </p>
              <div className="mt-9 flex flex-wrap gap-3">
                <LinkButton href={user ? "/dashboard/keys" : "/register"} size="lg">
                  Get your API key <ArrowRight aria-hidden />
                </LinkButton>
                <LinkButton href="/docs" size="lg" variant="glass">
                  Read the docs
                </LinkButton>
              </div>
            </div>
            <CodeBlock code={hero.code} language={hero.language} className="min-w-0 shadow-2xl shadow-brand-950/50 ring-1 ring-white/10" />
          </div>
        </main>
      </div>

      <div className="border-b border-zinc-200 bg-zinc-50">
        <div className="mx-auto grid max-w-6xl gap-8 px-4 py-14 sm:grid-cols-2 sm:px-6 lg:grid-cols-4">
          {FEATURES.map(({ icon: Icon, title, text }) => (
            <div key={title}>
              <span className="flex size-9 items-center justify-center rounded-lg bg-brand-600/10 text-brand-700"><Icon className="size-[18px]" aria-hidden /></span>
              <h2 className="mt-4 text-[15px] font-semibold text-zinc-950">{title}</h2>
              <p className="mt-1.5 text-sm leading-6 text-zinc-600">{text}</p>
            </div>
          ))}
        </div>
      </div>

      <Section id="models" eyebrow="Models" title="Live models and prices" lead="Every model answers on the same endpoint. Prices are per million tokens; each request is billed for exactly the tokens it used.">
        <Card className="overflow-hidden">
          <ModelTable models={models} />
        </Card>
      </Section>

      <div className="bg-zinc-50">
        <Section id="quick-start" eyebrow="Quick start" title="Your first call in a minute" lead={<>The base URL of this install is <code className="code-inline">{baseUrl}/v1</code>.</>}>
          <div className="grid gap-10 lg:grid-cols-[0.8fr_1.2fr]">
            <ol className="space-y-6">
              {STEPS.map((step, i) => (
                <li key={step.title} className="flex gap-4">
                  <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-zinc-900 text-sm font-semibold text-white">{i + 1}</span>
                  <div>
                    <h3 className="font-semibold text-zinc-950">{step.title}</h3>
                    <p className="mt-1 text-sm leading-6 text-zinc-600">{step.text}</p>
                  </div>
                </li>
              ))}
            </ol>
            <SnippetTabs snippets={snippets} className="min-w-0" />
          </div>
        </Section>
      </div>

      <Section id="pricing" eyebrow="Plans" title="Start free, scale when you need to" lead="Usage is paid from your prepaid balance on every plan. Plans set how fast each key may go.">
        <PlanCards signedIn={Boolean(user)} />
      </Section>

      <div className="px-4 pb-20 sm:px-6">
        <div className="mx-auto flex max-w-6xl flex-col items-start justify-between gap-6 rounded-2xl bg-zinc-950 px-8 py-10 sm:flex-row sm:items-center">
          <div>
            <h2 className="text-2xl font-semibold text-white">$5 of credits are waiting.</h2>
            <p className="mt-2 text-zinc-400">Create an account and make your first request in under a minute.</p>
          </div>
          <LinkButton href={user ? "/dashboard" : "/register"} variant="inverse" size="lg">
            {user ? "Open the dashboard" : "Create free account"} <ArrowRight aria-hidden />
          </LinkButton>
        </div>
      </div>
    </>
  );
}
