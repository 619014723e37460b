import type { SubjectContext } from "../subject/subject.context";
import type { ChoicesContext } from "../rights/choices/choices.context";
import type { RetentionContext } from "../rights/access-report/retention.context";
import type { HoldsContext } from "../subject/subject-holds.context";

/**
 * The whole context of a gateway request: the access layer's part (who, which purpose, the enforcer),
 * built by RequestContextBuilder, plus what the layers above add per request. Resolvers import the
 * narrower type beside them (RequestContext, SubjectContext, ChoicesContext, RetentionContext, HoldsContext), never this one.
 */
export type GatewayContext = SubjectContext & ChoicesContext & RetentionContext & HoldsContext;
