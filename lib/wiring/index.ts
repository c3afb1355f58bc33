import "server-only";

export { getDeps } from "./deps";
export { getGateway, getSimulator } from "./upstream";
