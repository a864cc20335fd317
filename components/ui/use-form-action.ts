"use client";
// Run a server action from a form's submit without React resetting the fields, and keep its result.
import { useRef, useState, useTransition, type FormEvent } from "react";
import { idle, type ActionState } from "@/lib/actions/state";
import { useHydrated } from "./use-hydrated";

type Action<T> = (prev: ActionState<T>, form: FormData) => Promise<ActionState<T>>;

/** `onSubmit` for a form that calls `action`; `onSuccess` runs with the result's data. `busy`: keep submit disabled (pending, or not hydrated yet). */
export function useFormAction<T>(action: Action<T>, onSuccess?: (data: T, form: FormData) => void | Promise<void>) {
  const [state, setState] = useState<ActionState<T>>(idle);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  // A reset (dialog closed) outranks an answer still on its way: it must not reappear later.
  const generation = useRef(0);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const run = ++generation.current;
    startTransition(async () => {
      const next = await action(state, form);
      if (run !== generation.current) return;
      startTransition(() => setState((prev) => (run === generation.current ? next : prev)));
      if (next.status === "ok") await onSuccess?.(next.data, form);
    });
  };
  const reset = () => {
    generation.current += 1;
    setState(idle);
  };
  return { state, pending, busy: pending || !hydrated, onSubmit, reset };
}
