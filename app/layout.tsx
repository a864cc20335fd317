// The root layout: document shell, metadata and global styles.
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "SIB AI — DeepSeek, Qwen and GLM through one OpenAI-compatible API", template: "%s · SIB AI" },
  description: "One API key for China's strongest models. OpenAI-compatible, pay per token, $5 free credits.",
};

export const viewport: Viewport = { themeColor: "#09090b", width: "device-width", initialScale: 1 };

// Root layout for every page.
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-dvh">{children}</body>
    </html>
  );
}
