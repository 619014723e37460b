import type { ApolloServerPlugin, GraphQLRequestContextWillSendResponse } from "@apollo/server";
import type { GraphQLSchema } from "graphql";
import { AuditAction, type AuditEntryInput, type AuditRecorder } from "../audit/audit-entry";
import { selectedFields } from "../access/selected-fields";
import { appError, ErrorCode } from "../errors/error-code";
import { ROLE_GRANTS } from "../policy/roles";
import type { GatewayContext } from "./context";

/** Codes that mean "refused": each occurrence outside a recorded read is itself an audit entry. */
const DENIAL_CODES = new Set<string>([
  ErrorCode.FORBIDDEN,
  ErrorCode.PURPOSE_NOT_ALLOWED,
  ErrorCode.CONSENT_WITHDRAWN,
  ErrorCode.OBJECTION_IN_FORCE,
  ErrorCode.PROCESSING_RESTRICTED,
]);

/**
 * Records every staff read of subject data (actor, role, purpose, subject, categories returned, fields
 * refused) and every refusal, before the response leaves. If the audit trail cannot be written the data
 * does not leave either: the response is replaced by AUDIT_UNAVAILABLE (fail closed; nothing unaudited
 * is disclosed). Refusals that happen before a request executes (purpose missing or not granted) are
 * recorded where they happen, in the context builder.
 */
export function auditPlugin(schema: GraphQLSchema, audit: AuditRecorder, onFailure: (err: unknown) => void): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse(rc) {
          const entries = entriesFor(schema, rc);
          if (entries.length === 0) return;
          try {
            await audit.record(entries);
          } catch (err) {
            onFailure(err);
            const error = appError(ErrorCode.AUDIT_UNAVAILABLE, "The audit trail is unavailable; no data was returned");
            rc.response.http.status = 503;
            rc.response.body = { kind: "single", singleResult: { errors: [{ message: error.message, extensions: { code: ErrorCode.AUDIT_UNAVAILABLE } }] } };
          }
        },
      };
    },
  };
}

function entriesFor(schema: GraphQLSchema, rc: GraphQLRequestContextWillSendResponse<GatewayContext>): AuditEntryInput[] {
  const ctx = rc.contextValue;
  if (!ctx.enforcer || !rc.document) return [];
  const base = { actor: ctx.principal.actor, role: ctx.principal.role, purpose: ctx.purpose, requestId: ctx.requestId };
  const entries: AuditEntryInput[] = [];
  const reads = ctx.enforcer.reads.subjects;
  const staff = !ROLE_GRANTS[ctx.principal.role].ownSubjectOnly;
  if (staff && reads.size > 0) {
    const fields = selectedFields(schema, rc.document);
    for (const [subjectId, view] of reads) {
      const { categories, denied } = view.summarize(fields);
      // Spelled out: spreading `base` took V8's slow object-clone path, once per subject read (bench/).
      const { actor, role, purpose, requestId } = base;
      entries.push({ actor, role, purpose, requestId, action: AuditAction.SUBJECT_READ, subjectId, categories, denied });
    }
  }
  const body = rc.response.body;
  const errors = body.kind === "single" ? (body.singleResult.errors ?? []) : [];
  // Field refusals inside a recorded read are in its `denied` list; anything else refused is its own entry.
  const unrecorded = errors.filter((e) => DENIAL_CODES.has(String(e.extensions?.code)) && !(staff && reads.size > 0 && (e.path?.length ?? 0) > 1));
  if (unrecorded.length > 0) {
    const codes = [...new Set(unrecorded.map((e) => String(e.extensions?.code)))].sort();
    const denied = unrecorded.map((e) => ({ field: (e.path ?? []).filter((p) => typeof p === "string").join("."), code: String(e.extensions?.code) }));
    const subjectId = reads.size === 1 ? [...reads.keys()][0] : null;
    entries.push({ ...base, action: AuditAction.DENIED, subjectId, denied, detail: { codes } });
  }
  return entries;
}
