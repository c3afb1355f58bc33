import { describe, expect, it } from "vitest";
import { groupThousands, plural } from "./format";

describe("groupThousands", () => {
  it("writes numbers as en-US and zh-CN do", () => {
    for (const n of [0, 7, 999, 1000, 4000, 12345, 999999, 1234567, -1, -4000, -1234567]) {
      expect(groupThousands(n)).toBe(n.toLocaleString("en-US"));
      expect(groupThousands(n)).toBe(n.toLocaleString("zh-CN"));
    }
  });
});

// Not "1 people", "on 1 days".
describe("plural", () => {
  const people = { one: "{n} person", other: "{n} people" };
  it("picks English's one for exactly 1, other for 0, 2 and more", () => {
    expect(plural("en", 1, people)).toBe("1 person");
    expect(plural("en", 0, people)).toBe("0 people");
    expect(plural("en", 2, people)).toBe("2 people");
    expect(plural("en", 1000, people)).toBe("1,000 people");
  });
  it("gives Chinese (no plural) its one form for every count, the words its dictionary wrote", () => {
    const zhPeople = { one: "{n} 人", other: "{n} 人" };
    expect(plural("zh", 1, zhPeople)).toBe("1 人");
    expect(plural("zh", 3, zhPeople)).toBe("3 人");
  });
  it("fills other values too", () => {
    expect(plural("en", 1, { one: "{n} token of {name}", other: "{n} tokens of {name}" }, { name: "ann" })).toBe("1 token of ann");
  });
});
