import type { Metadata, Viewport } from "next";
import { BackForwardRefresh } from "@/components/ui/back-forward-refresh";
import { requestLocale, requestTheme } from "@/lib/server/preferences";
import "./globals.css";

export const metadata: Metadata = {
  title: "Nano Studio",
  description: "A self-hosted image-generation studio for teams",
};
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, theme] = await Promise.all([requestLocale(), requestTheme()]);
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"} className={theme === "system" ? undefined : theme} suppressHydrationWarning>
      <body className="min-h-dvh bg-zinc-100 text-zinc-900 antialiased dark:bg-zinc-950 dark:text-zinc-100">
        {children}
        <BackForwardRefresh />
      </body>
    </html>
  );
}
