import type { Principal } from "../auth/principal";
import type { SubjectLoaders } from "../subject/subject.loaders";

/** Everything a resolver may use for one request. Built per request; nothing in it outlives the request. */
export interface GatewayContext {
  requestId: string;
  principal: Principal;
  loaders: SubjectLoaders;
}
