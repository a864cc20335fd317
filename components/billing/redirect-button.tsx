"use client";
// A one-button form that opens a Stripe page (checkout for Pro, the customer portal).
import { ExternalLink, LoaderCircle } from "lucide-react";
import type { ActionState } from "@/lib/actions/state";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { useStripeRedirect } from "./stripe-redirect";

type Props = {
  action: (prev: ActionState<{ url: string }>, form: FormData) => Promise<ActionState<{ url: string }>>;
  label: string;
  variant?: "primary" | "secondary";
  disabled?: boolean;
};

/** The button, a spinner while Stripe prepares the page, and the error if it cannot. */
export function RedirectButton({ action, label, variant = "primary", disabled }: Props) {
  const { state, pending, onSubmit } = useStripeRedirect(action);
  const leaving = pending || state.status === "ok";
  return (
    <form onSubmit={onSubmit} className="space-y-3">
      <Button type="submit" variant={variant} disabled={disabled || leaving} aria-disabled={disabled || leaving}>
        {leaving ? <LoaderCircle className="animate-spin" aria-hidden /> : <ExternalLink aria-hidden />}
        {label}
      </Button>
      {state.status === "error" ? <Alert tone="error">{state.message}</Alert> : null}
    </form>
  );
}
