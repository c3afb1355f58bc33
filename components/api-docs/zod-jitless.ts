"use client";
// Scalar validates its configuration with zod (the studio's own copy):
// imported before Scalar, so the jitless setting is in place before its first parse.
import "@/lib/client/zod-jitless";
