// Runs once per server process before it serves anything.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installPeerStamping } = await import("@/lib/net/peer-address");
  installPeerStamping();
  const { startServer } = await import("@/lib/wiring/startup");
  await startServer();
}
