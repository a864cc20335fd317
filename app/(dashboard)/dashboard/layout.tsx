// Every dashboard page: signed-in only, inside the dashboard frame.
import type { ReactNode } from "react";
import { DashboardShell } from "@/components/dashboard/shell";
import { requireUser } from "@/lib/auth/session";

// Dashboard layout: redirects to /login when signed out.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return <DashboardShell user={user}>{children}</DashboardShell>;
}
