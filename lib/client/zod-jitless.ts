"use client";
import { config } from "zod";

// zod's first object parse probes whether `new Function` works. Under the
// studio's script-src (no 'unsafe-eval') that probe is a CSP violation (a
// report in the browser's Issues panel) even though zod then falls back;
// jitless skips the probe, with the same result. Imported by every module
// that brings zod to the browser, before any parse.
config({ jitless: true });
