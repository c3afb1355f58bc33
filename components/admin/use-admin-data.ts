"use client";
import useSWR from "swr";
import { adminApi } from "@/lib/client/api";
import type { User } from "@/lib/contract";

/** The people list, the prices and the studio's settings, with a way to put one changed person back into the list. */
export function useAdminData() {
  const users = useSWR(adminApi.usersUrl, adminApi.users);
  const prices = useSWR(adminApi.pricesUrl, adminApi.prices);
  const settings = useSWR(adminApi.settingsUrl, adminApi.settings);

  /** The PATCH answer may leave out this month's figures: keep the ones the list had. */
  function replaceUser(user: User) {
    void users.mutate(
      (current) =>
        current && {
          ...current,
          items: current.items.some((u) => u.id === user.id)
            ? current.items.map((u) => (u.id === user.id ? { ...user, month: user.month ?? u.month } : u))
            : [...current.items, user],
        },
      { revalidate: false },
    );
  }

  return { users, prices, settings, replaceUser };
}
