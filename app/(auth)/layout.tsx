// Sign-in pages: a brand panel beside a centred form.
import type { ReactNode } from "react";
import { Check } from "lucide-react";
import { Logo } from "@/components/brand/logo";

const POINTS = ["$5 of free credits once you confirm your e-mail", "DeepSeek, Qwen and GLM behind one key", "Works with the OpenAI SDKs you already use"];

// Auth layout.
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="grid min-h-dvh lg:grid-cols-[minmax(0,1fr)_minmax(0,1.1fr)]">
      <div className="relative hidden overflow-hidden bg-zinc-950 p-10 lg:flex lg:flex-col lg:justify-between">
        <div aria-hidden className="pointer-events-none absolute inset-0 bg-[radial-gradient(40rem_24rem_at_20%_110%,rgb(99_102_241/0.35),transparent_70%)]" />
        <Logo className="relative" />
        <div className="relative">
          <p className="text-3xl font-semibold leading-tight text-white">One API key for China&rsquo;s strongest models.</p>
          <ul className="mt-8 space-y-3">
            {POINTS.map((p) => (
              <li key={p} className="flex items-center gap-3 text-zinc-300">
                <span className="flex size-5 items-center justify-center rounded-full bg-brand-500/20 text-brand-300"><Check className="size-3" aria-hidden /></span>
                {p}
              </li>
            ))}
          </ul>
        </div>
        <p className="relative text-sm text-zinc-500">OpenAI-compatible · pay per token · no card required</p>
      </div>
      <main id="main" className="flex flex-col items-center bg-white px-4 py-12 sm:justify-center sm:px-8">
        <div className="w-full max-w-sm">
          <Logo tone="light" className="mb-10 lg:hidden" />
          {children}
        </div>
      </main>
    </div>
  );
}
