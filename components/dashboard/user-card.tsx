// The signed-in user's name, e-mail and plan, at the foot of the sidebar.
import type { CurrentUser } from "@/lib/auth/session";
import { SignOutButton } from "./sign-out-button";

const PLAN_LABEL = { FREE: "Free", PRO: "Pro", ENTERPRISE: "Enterprise" } as const;

/** Avatar initial, name or e-mail, plan and the sign-out button. */
export function UserCard({ user }: { user: CurrentUser }) {
  const display = user.name || user.email;
  return (
    <div className="flex items-center gap-3 rounded-lg bg-white/[0.04] p-2.5 ring-1 ring-white/10">
      <span aria-hidden className="flex size-8 shrink-0 items-center justify-center rounded-full bg-brand-500/20 text-sm font-semibold uppercase text-brand-200">
        {display.slice(0, 1)}
      </span>
      <div className="min-w-0 flex-1">
        <p className="truncate text-sm font-medium text-zinc-100" title={user.email}>{display}</p>
        <p className="text-xs text-zinc-400">{PLAN_LABEL[user.plan]} plan</p>
      </div>
      <SignOutButton />
    </div>
  );
}
