import "server-only";

/**
 * Who is asking. With STUDIO_AUTH=none (the embedded default) everyone is the
 * single local user; sign-in modes plug in here.
 */
export async function currentUser(_request: Request): Promise<string> {
  return "local";
}
