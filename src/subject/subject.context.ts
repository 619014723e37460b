import type { RequestContext } from "../access/request-context";
import type { SubjectLoaders } from "./subject.loaders";

/** The request context as the subject's resolvers see it: the access layer's part plus this request's loaders. */
export interface SubjectContext extends RequestContext {
  loaders: SubjectLoaders;
}
