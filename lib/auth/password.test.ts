import { describe, expect, it } from "vitest";
import { PasswordRuleError, hashPassword, needsRehash, passwordProblem, verifyPassword } from "./password";

describe("passwords", () => {
  it("hashes with argon2id and a salt of its own each time, and verifies", async () => {
    const [a, b] = [await hashPassword("correct horse battery"), await hashPassword("correct horse battery")];
    expect(a).toMatch(/^\$argon2id\$v=19\$m=19456,p=1,t=2\$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("correct horse");
    expect(await verifyPassword({ hash: a, password: "correct horse battery" })).toBe(true);
    expect(await verifyPassword({ hash: b, password: "correct horse battery" })).toBe(true);
    expect(await verifyPassword({ hash: a, password: "correct horse batterY" })).toBe(false);
    expect(needsRehash(a)).toBe(false);
  });

  it("refuses passwords shorter than 10 characters (counted as characters, not bytes) and absurdly long ones", async () => {
    expect(passwordProblem("123456789")).toMatch(/at least 10/);
    expect(passwordProblem("密码密码密码密码密码")).toBeUndefined();
    expect(passwordProblem("x".repeat(1_001))).toMatch(/at most 1000/);
    await expect(hashPassword("short")).rejects.toBeInstanceOf(PasswordRuleError);
  });

  it("a stored value that is not an argon2 hash never verifies and never throws", async () => {
    for (const hash of ["", "plain text password", "$2b$10$abcdefghijklmnopqrstuv", "$argon2id$broken"]) {
      expect(await verifyPassword({ hash, password: "plain text password" })).toBe(false);
    }
  });

  it("a hash made with weaker parameters says it needs re-hashing", async () => {
    const argon2 = (await import("argon2")).default;
    const weak = await argon2.hash("correct horse battery", { type: argon2.argon2id, memoryCost: 4_096, timeCost: 1, parallelism: 1 });
    expect(await verifyPassword({ hash: weak, password: "correct horse battery" })).toBe(true);
    expect(needsRehash(weak)).toBe(true);
  });
});
