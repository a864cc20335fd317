// Every console page: operators only; anyone else gets a 404.
import type { ReactNode } from "react";
import type { Metadata } from "next";
import { AdminShell } from "@/components/admin/shell";
import { requireOperator } from "@/lib/admin-console/operator";

export const metadata: Metadata = { title: "Console · SIB AI", robots: { index: false } };

// Console layout: 404 for customers and visitors.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const operator = await requireOperator();
  return <AdminShell email={operator.email}>{children}</AdminShell>;
}
