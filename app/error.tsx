"use client";
// Our error page: something failed while rendering; offer a retry and the way home.
import { StatusPage } from "@/components/brand/status-page";
import { Button, LinkButton } from "@/components/ui/button";

// Error boundary for every page below the root layout.
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <StatusPage
      code="Error"
      title="Something went wrong"
      actions={
        <>
          <Button onClick={reset}>Try again</Button>
          <LinkButton href="/dashboard" variant="secondary">Go to the dashboard</LinkButton>
        </>
      }
    >
      This page failed to load. Trying again usually works; if it keeps happening, tell us the reference below.
      {error.digest ? <p className="mt-3 font-mono text-xs text-zinc-500">Reference {error.digest}</p> : null}
    </StatusPage>
  );
}
