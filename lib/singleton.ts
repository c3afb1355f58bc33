import "server-only";

// Next bundles instrumentation and each route separately, so a module-level
// variable can exist more than once per process. Process-wide state (the
// simulator's tasks, the database handle, the poller) lives on globalThis.
export function processSingleton<T>(name: string, create: () => T): T {
  const key = Symbol.for(`nano-studio.${name}`);
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  store[key] ??= create();
  return store[key]!;
}
