import type { Metadata, Viewport } from "next";
import { requestLocale } from "@/lib/server/locale";
import "./globals.css";

export const metadata: Metadata = {
  title: "Nano Studio",
  description: "A self-hosted image-generation studio for teams",
};
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await requestLocale();
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"} suppressHydrationWarning>
      <body className="min-h-dvh bg-zinc-50 text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">{children}</body>
    </html>
  );
}
