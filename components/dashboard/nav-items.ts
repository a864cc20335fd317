// The dashboard's sections, in menu order.
export type NavItem = { href: string; label: string; icon: "overview" | "keys" | "usage" | "requests" | "playground" | "billing" | "settings" | "docs" };

export const NAV_ITEMS: NavItem[] = [
  { href: "/dashboard", label: "Overview", icon: "overview" },
  { href: "/dashboard/keys", label: "API keys", icon: "keys" },
  { href: "/dashboard/usage", label: "Usage", icon: "usage" },
  { href: "/dashboard/requests", label: "Request log", icon: "requests" },
  { href: "/dashboard/playground", label: "Playground", icon: "playground" },
  { href: "/dashboard/billing", label: "Billing", icon: "billing" },
  { href: "/dashboard/settings", label: "Settings", icon: "settings" },
];
