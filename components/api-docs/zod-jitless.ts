"use client";
import { config } from "zod";

// Scalar validates its configuration with zod (the studio's own copy), and
// zod's first object parse probes whether `new Function` works. Under the
// studio's script-src (no 'unsafe-eval') that probe is a CSP violation even
// though zod then falls back; jitless skips the probe, with the same result.
// Imported before Scalar so it runs first.
config({ jitless: true });
