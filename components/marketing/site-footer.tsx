// The public pages' footer.
import Link from "next/link";
import { Logo } from "../brand/logo";

/** Footer with product links. */
export function SiteFooter() {
  return (
    <footer className="border-t border-zinc-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-10 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <div className="space-y-2">
          <Logo tone="light" />
          <p className="text-sm text-zinc-500">DeepSeek, Qwen and GLM through one OpenAI-compatible API.</p>
        </div>
        <nav aria-label="Footer" className="flex flex-wrap gap-x-6 gap-y-2 text-sm text-zinc-600">
          <Link href="/docs" className="hover:text-zinc-950">Documentation</Link>
          <Link href="/pricing" className="hover:text-zinc-950">Pricing</Link>
          <Link href="/register" className="hover:text-zinc-950">Create account</Link>
          <Link href="/login" className="hover:text-zinc-950">Log in</Link>
        </nav>
      </div>
    </footer>
  );
}
