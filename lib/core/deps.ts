import "server-only";
import type { StudioConfig } from "@/lib/config";
import type { StudioDatabase } from "@/lib/db";
import type { GatewayClient } from "@/lib/gateway";
import type { BlobStore } from "@/lib/storage";
import type { FetchReferenceOptions } from "@/lib/net/fetch-reference";

/**
 * What the services (the life of a generation, and boards, shares, accounts,
 * usage beside it) need from the outside. lib/wiring builds it from the
 * environment; tests build their own (lib/testing/deps.ts).
 */
export type ServiceDeps = {
  db: StudioDatabase;
  store: BlobStore;
  /**
   * Local disk for results downloaded but not yet stored (storage down): kept
   * per instance, so an outage never costs a second download.
   */
  staging: BlobStore;
  /**
   * The id of the `staging` folder (kept inside it: the same after a restart
   * on the same volume, shared by instances sharing it). Rows whose bytes wait
   * there say so (stagedBy), and only this holder finishes them (staged.ts).
   */
  stagingHolder: string;
  gateway: GatewayClient;
  config: Pick<StudioConfig, "pollIntervalMs" | "taskTimeoutMs" | "requestTimeoutMs" | "limits" | "prices" | "currency" | "uploadBytesPerDay">;
  now: () => number;
  /** This process, as holder of poll leases when several instances share one database. */
  instanceId: string;
  /**
   * Widens where reference URLs may be fetched from (tests on loopback inject
   * a fetch and an allow-list); absent in production: public addresses only.
   */
  referenceFetch?: FetchReferenceOptions;
};
