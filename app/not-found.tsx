// Our 404: what happened and the ways back.
import type { Metadata } from "next";
import { StatusPage } from "@/components/brand/status-page";
import { LinkButton } from "@/components/ui/button";

export const metadata: Metadata = { title: "Page not found" };

// Not-found page.
export default function NotFound() {
  return (
    <StatusPage
      code="404"
      title="This page does not exist"
      actions={
        <>
          <LinkButton href="/dashboard">Go to the dashboard</LinkButton>
          <LinkButton href="/docs" variant="secondary">Read the docs</LinkButton>
        </>
      }
    >
      The link may be old, or the address mistyped. API calls go to <code className="code-inline">/v1</code>; everything else starts from the dashboard.
    </StatusPage>
  );
}
