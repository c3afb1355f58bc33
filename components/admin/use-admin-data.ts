"use client";
import useSWR from "swr";
import { adminApi } from "@/lib/client/api";
import { mountOptions, useSeededFromServer } from "@/lib/client/seeded";
import type { ListUsersResponse, PricesResponse, StudioSettings, User } from "@/lib/contract";

/** What the server read with the page (lib/server/admin-start.ts). */
export type AdminInitial = { users: ListUsersResponse; prices: PricesResponse; settings: StudioSettings };

/**
 * The people list, the prices and the studio's settings, with a way to put one
 * changed person back into the list. Seeded by the page's server read, so the
 * first paint has them and nothing is asked again at mount.
 */
export function useAdminData(initial?: AdminInitial) {
  const seeded = useSeededFromServer(adminApi.usersUrl, initial !== undefined);
  const users = useSWR(adminApi.usersUrl, adminApi.users, { fallbackData: initial?.users, ...mountOptions(seeded) });
  const prices = useSWR(adminApi.pricesUrl, adminApi.prices, { fallbackData: initial?.prices, ...mountOptions(seeded) });
  const settings = useSWR(adminApi.settingsUrl, adminApi.settings, { fallbackData: initial?.settings, ...mountOptions(seeded) });

  /** The PATCH answer may leave out this month's figures: keep the ones the list had. */
  function replaceUser(user: User) {
    // What the page shows: SWR's cache holds nothing yet while the list is the server's (fallbackData).
    const shown = users.data;
    void users.mutate(
      (cached) => {
        const current = cached ?? shown;
        return (
          current && {
            ...current,
            items: current.items.some((u) => u.id === user.id)
              ? current.items.map((u) => (u.id === user.id ? { ...user, month: user.month ?? u.month } : u))
              : [...current.items, user],
          }
        );
      },
      { revalidate: false },
    );
  }

  return { users, prices, settings, replaceUser };
}
