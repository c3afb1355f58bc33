// What the create-token form offers: the presets up to the
// admins' maximum, and the maximum itself when it is none of them. No token
// lives longer than the maximum, so "never" is not offered.

const PRESETS = [30, 90, 365] as const;

export function expiryChoices(maxDays: number): number[] {
  const presets: number[] = PRESETS.filter((days) => days <= maxDays);
  return presets.includes(maxDays) ? presets : [...presets, maxDays];
}

/** The choice selected at first: 90 days, or the maximum when it is shorter. */
export const defaultExpiry = (maxDays: number) => Math.min(90, maxDays);
