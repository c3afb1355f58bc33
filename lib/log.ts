import "server-only";
import pino from "pino";
import { getConfig } from "@/lib/config";

function level(): string {
  try {
    return getConfig().logLevel;
  } catch {
    // A bad environment is reported by start-up itself; logging must still work to say so.
    return "info";
  }
}

// Structured logs, one JSON line each. The gateway key never reaches a log
// line: it is never passed in, and the places it could hide are redacted as a
// second line of defence.
export const logger = pino({
  level: level(),
  base: undefined,
  redact: {
    paths: [
      "apiKey",
      "*.apiKey",
      "authorization",
      "*.authorization",
      "headers.authorization",
      "*.headers.authorization",
      // Accounts: nothing that opens an account is ever logged.
      "password",
      "*.password",
      "passwordHash",
      "*.passwordHash",
      "token",
      "*.token",
      "cookie",
      "*.cookie",
    ],
    censor: "[redacted]",
  },
});
