"use client";
import { config } from "zod";

// zod probes whether `new Function` works when an object schema is built
// (zod 4.6 reads the setting then, not at the first parse). Under the
// studio's script-src (no 'unsafe-eval') that probe is a CSP violation (a
// report in the browser's Issues panel, and Lighthouse's best practices
// below 1) even though zod then falls back; jitless skips the probe, with
// the same result. Imported first by every module that brings zod to the
// browser, before any schema is built (the lint rule client-zod-on-demand
// keeps the rest of the client from importing zod or the schemas).
config({ jitless: true });
