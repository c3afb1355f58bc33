import "server-only";
import argon2 from "argon2";

// Passwords of people's own accounts, hashed with argon2id by the
// maintained native binding (node-argon2), never by hand. The parameters are
// OWASP's first argon2id recommendation (19 MiB, 2 passes, 1 lane): a sign-in
// costs tens of milliseconds here and a stolen hash stays expensive to guess.
// The encoded hash carries its own parameters, so raising them later keeps
// old hashes verifiable (needsRehash says when to re-hash at sign-in).

export const MIN_PASSWORD_LENGTH = 10;
/** argon2 takes any length; a cap keeps one request from costing seconds of hashing. */
export const MAX_PASSWORD_LENGTH = 1_000;

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export class PasswordRuleError extends Error {
  override name = "PasswordRuleError";
}

/** Why a new password is refused, in words for the person choosing it; undefined when it is fine. */
export function passwordProblem(password: string): string | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `A password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `A password can have at most ${MAX_PASSWORD_LENGTH} characters`;
  return undefined;
}

export async function hashPassword(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw new PasswordRuleError(problem);
  return argon2.hash(password, OPTIONS);
}

/** False for a wrong password and for a stored value that is not an argon2 hash (never throws on those). */
export async function verifyPassword(input: { hash: string; password: string }): Promise<boolean> {
  if (!input.hash.startsWith("$argon2") || input.password.length > MAX_PASSWORD_LENGTH * 4) return false;
  try {
    return await argon2.verify(input.hash, input.password);
  } catch {
    return false;
  }
}

/** Whether a hash was made with weaker parameters than today's. */
export function needsRehash(hash: string): boolean {
  return argon2.needsRehash(hash, OPTIONS);
}
