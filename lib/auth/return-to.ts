import "server-only";

/** Only a path on this studio: never another site, so the sign-in is no open redirect. */
export function safeReturnTo(value: string | undefined): string {
  if (!value || value.length > 500 || !value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/";
  return /^\/[^\p{Cc}]*$/u.test(value) ? value : "/";
}
