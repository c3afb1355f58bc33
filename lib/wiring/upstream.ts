import "server-only";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { getConfig } from "@/lib/config";
import { createChatClient, createGatewayClient, type ChatClient, type GatewayClient } from "@/lib/gateway";
import { processSingleton } from "@/lib/singleton";
import { createSimulator, type Simulator } from "@/lib/simulator";

// Wires the gateway client to its upstream: the real gateway when a key is
// configured, else the embedded simulator injected as the client's fetch.

export function getSimulator(): Simulator | undefined {
  const config = getConfig();
  if (config.upstream !== "demo") return undefined;
  return processSingleton("simulator", () =>
    createSimulator({
      apiKey: demoKey(),
      origin: DEMO_ORIGIN,
      speed: config.simulator.speed,
      failureRate: config.simulator.failureRate,
      // A real gateway keeps its tasks when the studio restarts; so does the demo one.
      persistFile: path.join(config.dataDir, "simulator", "tasks.jsonl"),
    }),
  );
}

// Never resolvable, so nothing meant for the simulator can leak onto the network.
const DEMO_ORIGIN = "http://simulator.invalid";

function demoKey(): string {
  return processSingleton("demo-key", () => `demo-${randomBytes(12).toString("hex")}`);
}

export function getGateway(): GatewayClient {
  return processSingleton("gateway", () => {
    const config = getConfig();
    const simulator = getSimulator();
    return createGatewayClient({
      baseUrl: simulator ? DEMO_ORIGIN : config.baseUrl,
      apiKey: simulator ? demoKey() : config.apiKey!,
      fetch: simulator?.fetch,
      timeoutMs: config.requestTimeoutMs,
      retryBudgetMs: config.pollRetryBudgetMs,
      resultMaxBytes: config.resultMaxBytes,
      resultTimeoutMs: config.resultTimeoutMs,
    });
  });
}

/** The gateway's chat completions for Improve / Describe (lib/prompt-help): the simulator's in demo mode. */
export function getPromptChat(): ChatClient {
  return processSingleton("prompt-chat", () => {
    const config = getConfig();
    const simulator = getSimulator();
    return createChatClient({
      baseUrl: simulator ? DEMO_ORIGIN : config.baseUrl,
      apiKey: simulator ? demoKey() : config.apiKey!,
      fetch: simulator?.fetch,
      timeoutMs: config.promptHelp.timeoutMs,
    });
  });
}
