"use client";
// The browsers signed in to this account, with "sign out" for each and everywhere.
import { useRouter } from "next/navigation";
import { signOut } from "next-auth/react";
import { closeSessionAction, signOutEverywhereAction } from "@/app/(dashboard)/dashboard/settings/actions";
import { Button } from "../ui/button";
import { useFormAction } from "../ui/use-form-action";

export type SessionView = { id: string; device: string; ip: string | null; lastSeen: string; current: boolean };

function CloseOne({ id }: { id: string }) {
  const { busy, onSubmit } = useFormAction(closeSessionAction);
  return (
    <form method="post" onSubmit={onSubmit}>
      <input type="hidden" name="id" value={id} />
      <Button type="submit" variant="secondary" size="sm" disabled={busy}>Sign out</Button>
    </form>
  );
}

/** The list and the "sign out everywhere" button. */
export function Sessions({ sessions }: { sessions: SessionView[] }) {
  const router = useRouter();
  const everywhere = useFormAction(signOutEverywhereAction, async () => {
    await signOut({ redirect: false });
    router.replace("/login");
    router.refresh();
  });
  return (
    <div className="space-y-4">
      <ul className="divide-y divide-zinc-100 text-sm" data-testid="sessions">
        {sessions.map((s) => (
          <li key={s.id} className="flex items-center justify-between gap-4 py-3">
            <div className="min-w-0">
              <p className="truncate font-medium text-zinc-900">{s.device}{s.current ? <span className="ml-2 text-xs font-normal text-emerald-700">This browser</span> : null}</p>
              <p className="text-zinc-500">{s.ip ? `${s.ip} · ` : ""}active {s.lastSeen}</p>
            </div>
            {s.current ? null : <CloseOne id={s.id} />}
          </li>
        ))}
      </ul>
      <form method="post" onSubmit={everywhere.onSubmit}>
        <Button type="submit" variant="secondary" disabled={everywhere.busy}>{everywhere.pending ? "Signing out…" : "Sign out everywhere"}</Button>
      </form>
    </div>
  );
}
