"use client";
// Run a billing action and follow the Stripe page it returns.
import type { ActionState } from "@/lib/actions/state";
import { useFormAction } from "../ui/use-form-action";

type RedirectAction = (prev: ActionState<{ url: string }>, form: FormData) => Promise<ActionState<{ url: string }>>;

/** `useFormAction` that sends the browser to the returned URL on success. */
export function useStripeRedirect(action: RedirectAction) {
  return useFormAction(action, (data) => {
    window.location.assign(data.url);
  });
}
