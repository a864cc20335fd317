// Public pages: each renders its own header (dark on the landing hero), all share the footer.
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/marketing/site-footer";

// Marketing layout.
export default function MarketingLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col bg-white">
      <div className="flex-1">{children}</div>
      <SiteFooter />
    </div>
  );
}
