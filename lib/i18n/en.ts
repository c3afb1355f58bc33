// English UI strings. Every key here exists in zh.ts too (checked by the type).
export const en = {
  appName: "Nano Studio",
  tagline: "Prompts and references in, pictures out — for the whole team.",
  upstreamDemo: "Demo upstream",
  upstreamDemoHint: "Running on the built-in simulator: pictures are placeholder art, no key is used.",
  upstreamGateway: "Gateway",
  upstreamGatewayHint: "Connected to the image gateway with the team's key.",
};
export type Dictionary = { [K in keyof typeof en]: string };
