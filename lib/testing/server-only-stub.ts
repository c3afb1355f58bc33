// Vitest runs outside Next's server build, where `server-only` would throw.
export {};
