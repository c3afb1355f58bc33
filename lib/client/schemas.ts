"use client";
import "./zod-jitless";

// The contract's zod schemas for the browser, loaded on demand by
// lib/client/api.ts: zod is not part of the studio page's first-load code.
export * from "@/lib/contract";
