import type { Person } from "@/lib/core/person";

/** A person for domain tests: a member with the studio-wide limits unless told otherwise. */
export function testPerson(name = "tester", overrides: Partial<Person> = {}): Person {
  return { id: `usr_${name}`, name, role: "member", dailyLimit: null, maxActive: null, monthlyBudget: null, ...overrides };
}
