// The gateway simulator on a real port, for several studio instances to share
// (the multi-instance test) or to point any client at. Its request counters are
// served at GET /__stats.
//   node --conditions=react-server --import tsx scripts/serve-simulator.ts --port 4600 --key sk-demo --speed 1
import { createSimulator, serveSimulator, type Simulator } from "@/lib/simulator";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const sim = createSimulator({ apiKey: arg("key", "sk-simulator"), speed: Number(arg("speed", "1")) });
const withStats: Simulator = {
  ...sim,
  handle: (request) => (new URL(request.url).pathname === "/__stats" ? Promise.resolve(Response.json(sim.stats())) : sim.handle(request)),
};
const server = await serveSimulator(withStats, { port: Number(arg("port", "0")), host: "127.0.0.1" });
console.log(`SIMULATOR_URL=${server.url}`);
const stop = () => void server.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
