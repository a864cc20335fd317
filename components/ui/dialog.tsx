"use client";
// Modal dialogs on the native <dialog> element: focus trap, Escape and backdrop for free.
import { X } from "lucide-react";
import { useEffect, useId, useRef, type ReactNode } from "react";
import { Button } from "./button";

/** A modal that is shown while `open` is true; `onClose` runs on Escape, backdrop click or the close button. */
export function Dialog({ open, onClose, title, description, children, wide = false }: {
  open: boolean;
  /** Room for code: max-w-2xl instead of max-w-md. */
  wide?: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children?: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) {
      el.showModal();
      el.querySelector<HTMLElement>("input:not([type=hidden]):not([disabled]), textarea, select")?.focus();
    }
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={onClose}
      onClose={() => {
        if (!ref.current?.open) onClose(); // a late "close" must not shut a dialog opened again since
      }}
      onClick={(e) => e.target === ref.current && onClose()}
      className={`m-auto w-[calc(100%-2rem)] ${wide ? "max-w-2xl" : "max-w-md"} rounded-2xl border border-zinc-200 bg-white p-0 text-zinc-900 shadow-2xl backdrop:bg-zinc-950/50 backdrop:backdrop-blur-[2px]`}
    >
      {open ? (
        <div className="p-6">
          <div className="flex items-start justify-between gap-4">
            <h2 id={titleId} className="text-lg font-semibold text-zinc-950">{title}</h2>
            <button type="button" onClick={onClose} className="-m-1 rounded-md p-1 text-zinc-400 hover:bg-zinc-100 hover:text-zinc-700" aria-label="Close">
              <X className="size-4" aria-hidden />
            </button>
          </div>
          {description ? <div className="mt-2 text-sm text-zinc-600">{description}</div> : null}
          {children ? <div className="mt-5">{children}</div> : null}
        </div>
      ) : null}
    </dialog>
  );
}

/** Confirm-or-cancel buttons for a dialog. */
export function DialogActions({ onCancel, children }: { onCancel: () => void; children: ReactNode }) {
  return (
    <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
      <Button variant="secondary" onClick={onCancel}>Cancel</Button>
      {children}
    </div>
  );
}
