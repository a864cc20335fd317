// Every dashboard page: signed-in only, inside the dashboard frame, under the low-balance banner when it applies.
import type { ReactNode } from "react";
import { BalanceBanner } from "@/components/dashboard/balance-banner";
import { DashboardShell } from "@/components/dashboard/shell";
import { requireUser } from "@/lib/auth/session";
import { balanceStatus } from "@/lib/billing/alerts/settings";

// Dashboard layout: redirects to /login when signed out.
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  // Until the e-mail is confirmed the verification banner explains the empty balance.
  const notice = user.emailVerified ? <BalanceBanner {...await balanceStatus(user.id)} /> : null;
  return <DashboardShell user={user} notice={notice}>{children}</DashboardShell>;
}
