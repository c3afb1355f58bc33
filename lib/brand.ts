// Next bundles instrumentation and each route separately, so one error class
// can exist in several copies per process and `instanceof` fails for an error
// made by a process-wide singleton. A Symbol.for brand is the same in every copy.
export function brand(name: string) {
  const symbol = Symbol.for(`nano-studio.${name}`);
  return {
    mark(target: object): void {
      Object.defineProperty(target, symbol, { value: true });
    },
    is(value: unknown): boolean {
      return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[symbol] === true;
    },
  };
}
