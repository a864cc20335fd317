"use client";
// Sign in with GitHub or Google, when the install has them configured.
import { signIn } from "next-auth/react";
import { Button } from "../ui/button";

/** One button per configured OAuth provider, with an "or" divider below. */
export function OAuthButtons({ providers, callbackUrl }: { providers: { id: string; name: string }[]; callbackUrl: string }) {
  if (providers.length === 0) return null;
  return (
    <div className="mb-6">
      <div className="grid gap-2">
        {providers.map((p) => (
          <Button key={p.id} variant="secondary" className="w-full" onClick={() => signIn(p.id, { callbackUrl })}>
            Continue with {p.name}
          </Button>
        ))}
      </div>
      <div className="relative mt-6 text-center text-xs text-zinc-500">
        <span aria-hidden className="absolute inset-x-0 top-1/2 border-t border-zinc-200" />
        <span className="relative bg-white px-2">or with e-mail</span>
      </div>
    </div>
  );
}
