// The root layout: document shell, metadata and global styles.
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
// The fonts ship from npm (@fontsource): no request to a font CDN at build or run time.
import "@fontsource/inter/latin-400.css";
import "@fontsource/inter/latin-500.css";
import "@fontsource/inter/latin-600.css";
import "@fontsource/inter/latin-700.css";
import "@fontsource/jetbrains-mono/latin-400.css";
import "@fontsource/jetbrains-mono/latin-500.css";
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
