export const common = {
  appName: "Nano Studio",
  tagline: "Prompts and references in, pictures out — for the whole team.",
  upstreamDemo: "Demo upstream",
  upstreamDemoHint: "Running on the built-in simulator: pictures are placeholder art, no key is used.",
  upstreamGateway: "Gateway",
  upstreamGatewayHint: "Connected to the image gateway with the team's key.",
  language: "Language",
  theme: "Theme",
  themeLight: "Light",
  themeDark: "Dark",
  themeSystem: "System",
  networkError: "The studio could not be reached. Check your connection and try again.",
};
