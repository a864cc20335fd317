"use client";
// The dashboard menu on small screens: a top bar with a button that opens the menu.
import { Menu, X } from "lucide-react";
import { useState, type ReactNode } from "react";
import { Logo } from "../brand/logo";
import { NavLinks } from "./nav-links";

/** Top bar with a toggled menu panel; `footer` is the user card. */
export function MobileNav({ footer }: { footer: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="sticky top-0 z-30 border-b border-white/10 bg-zinc-950 lg:hidden">
      <div className="flex h-14 items-center justify-between px-4">
        <Logo href="/dashboard" />
        <button
          type="button"
          onClick={() => setOpen((v) => !v)}
          aria-expanded={open}
          aria-controls="mobile-menu"
          aria-label={open ? "Close menu" : "Open menu"}
          className="flex size-9 items-center justify-center rounded-md text-zinc-300 hover:bg-white/10 hover:text-white"
        >
          {open ? <X className="size-5" aria-hidden /> : <Menu className="size-5" aria-hidden />}
        </button>
      </div>
      <div id="mobile-menu" hidden={!open} className="space-y-4 border-t border-white/10 px-3 pb-4 pt-3">
        <NavLinks onNavigate={() => setOpen(false)} />
        {footer}
      </div>
    </div>
  );
}
