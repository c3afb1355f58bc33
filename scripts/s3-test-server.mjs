#!/usr/bin/env node
// A throw-away S3-protocol server for tests and CI (s3rver, path-style,
// access key S3RVER / secret S3RVER), with the bucket the tests use created.
//
//   node scripts/s3-test-server.mjs                 # 127.0.0.1:4569, bucket studio-test
//   node scripts/s3-test-server.mjs 4570            # another port (0: any free port)
//   node scripts/s3-test-server.mjs --port 0 --address 127.0.0.1 --bucket studio-test --bucket other
//   S3_TEST_PORT=4570 S3_TEST_BUCKET=studio-test node scripts/s3-test-server.mjs
//
// Prints one line when ready, e.g.
//   S3_ENDPOINT=http://127.0.0.1:4569 bucket=studio-test directory=/tmp/s3rver-abc123
// and runs until SIGTERM/SIGINT. Data lives in a fresh temp directory that is
// removed on exit (pass --directory DIR to keep it somewhere else; that one is
// left in place).

import { mkdtemp, rm } from "node:fs/promises";
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import S3rver from "s3rver";

function parseArgs(argv) {
  const opts = {
    port: process.env.S3_TEST_PORT,
    address: process.env.S3_TEST_ADDRESS,
    buckets: [],
    directory: process.env.S3_TEST_DIRECTORY,
    verbose: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${arg} needs a value`);
      return v;
    };
    if (arg === "--port" || arg === "-p") opts.port = value();
    else if (arg === "--address" || arg === "-a") opts.address = value();
    else if (arg === "--bucket" || arg === "-b") opts.buckets.push(value());
    else if (arg === "--directory" || arg === "-d") opts.directory = value();
    else if (arg === "--verbose" || arg === "-v") opts.verbose = true;
    else if (arg === "--help" || arg === "-h") usage();
    else if (/^\d+$/.test(arg)) opts.port = arg;
    else usage(`unknown argument ${arg}`);
  }
  if (opts.buckets.length === 0) {
    opts.buckets = (process.env.S3_TEST_BUCKET ?? "studio-test").split(",").map((b) => b.trim()).filter(Boolean);
  }
  const port = Number(opts.port ?? 4569);
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage("the port must be 0-65535");
  return { ...opts, port, address: opts.address || "127.0.0.1" };
}

function usage(problem) {
  if (problem) console.error(`s3-test-server: ${problem}`);
  console.error("usage: node scripts/s3-test-server.mjs [port] [--port N] [--address A] [--bucket NAME]... [--directory DIR] [--verbose]");
  process.exit(problem ? 2 : 0);
}

const opts = parseArgs(process.argv.slice(2));
const ownDirectory = !opts.directory;
const directory = opts.directory ? path.resolve(opts.directory) : await mkdtemp(path.join(tmpdir(), "s3rver-"));
if (!ownDirectory) mkdirSync(directory, { recursive: true });

const server = new S3rver({
  address: opts.address,
  port: opts.port,
  silent: !opts.verbose,
  directory,
  configureBuckets: opts.buckets.map((name) => ({ name })),
});

let address;
try {
  address = await server.run();
} catch (error) {
  console.error(`s3-test-server: cannot listen on ${opts.address}:${opts.port}: ${error.message}`);
  if (ownDirectory) await rm(directory, { recursive: true, force: true });
  process.exit(1);
}

const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
console.log(`S3_ENDPOINT=http://${host}:${address.port} bucket=${opts.buckets.join(",")} directory=${directory}`);

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  const closing = server.close().catch(() => undefined);
  // Clients keep sockets alive; do not wait for them to time out.
  server.httpServer?.closeAllConnections?.();
  await closing;
  if (ownDirectory) await rm(directory, { recursive: true, force: true }).catch(() => undefined);
  if (opts.verbose) console.error(`s3-test-server: stopped (${signal})`);
  process.exit(0);
}
process.on("SIGTERM", () => void stop("SIGTERM"));
process.on("SIGINT", () => void stop("SIGINT"));
