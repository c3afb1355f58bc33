import "server-only";
import type { UserRow } from "@/lib/db";

/**
 * Who is acting, as the services need them: the name rows record
 * in createdBy, the account id that owns favorites, the role that lets an
 * admin act on anyone's picture, and the person's own limits (null = the
 * studio-wide ones).
 */
export type Person = Pick<UserRow, "id" | "name" | "role" | "dailyLimit" | "maxActive" | "monthlyBudget">;

export const mayManage = (person: Person, row: { createdBy: string }) => row.createdBy === person.name || person.role === "admin";
