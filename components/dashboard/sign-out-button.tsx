"use client";
// Ends the session and returns to the landing page.
import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";

/** A quiet "Sign out" button for the dark sidebar. */
export function SignOutButton() {
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/" })}
      className="flex size-8 items-center justify-center rounded-md text-zinc-400 transition-colors hover:bg-white/10 hover:text-white"
      aria-label="Sign out"
      title="Sign out"
    >
      <LogOut className="size-4" aria-hidden />
    </button>
  );
}
