import type { Sources } from "../sources/sources";
import type { CustomerRecord } from "../sources/crm/crm.adapter";
import type { SubjectContext } from "./subject.context";
import type { Projected } from "../access/purpose-view";
import { assertPageSize } from "../common/cursor";
import { appError, ErrorCode } from "../errors/error-code";
import { MAX_PAGE_SIZE } from "./subject.args";
import { LEGAL_HOLD_READERS } from "../policy/retention";
import { assertId, isUuid } from "../common/uuid";
import { pageOf } from "../common/page";

/** Where an erased subject's held records can still be found (the legal-hold register keeps the link). */
export interface HeldRecords {
  customerNumberOf(subjectId: string): Promise<string | null>;
}

const SUBJECT_CURSOR = "subject";

export type SubjectObject = Projected<CustomerRecord>;

/**
 * Finding subjects. Who may reach which subject is decided before this runs (permission rules); every
 * subject leaves here through the request's enforcer, which applies the purpose to its fields.
 */
export class SubjectService {
  constructor(
    private readonly sources: Sources,
    private readonly held: HeldRecords,
  ) {}

  async get(ctx: SubjectContext, id: string): Promise<SubjectObject> {
    assertId(id, "id", "subject");
    const subject = (await ctx.loaders.customer.load(id.toLowerCase())) ?? (await this.erasedButHeld(ctx, id.toLowerCase()));
    if (!subject) throw appError(ErrorCode.NOT_FOUND, "No such subject");
    return ctx.enforcer.subject(subject);
  }

  /**
   * An erased subject whose invoices are still under a fiscal hold: for the purposes that may read held records,
   * a subject with only its id and customer number (the crm data is gone), through which the held invoices
   * and payments are reached. For every other purpose it does not exist.
   */
  private async erasedButHeld(ctx: SubjectContext, id: string): Promise<CustomerRecord | null> {
    if (!LEGAL_HOLD_READERS.includes(ctx.purpose)) return null;
    const customerNumber = await this.held.customerNumberOf(id);
    if (!customerNumber) return null;
    const gone = null as unknown as string; // erased fields; the schema's fields are nullable for this reason too
    return {
      id, customerNumber, firstName: gone, lastName: gone, street: gone, houseNumber: gone, postalCode: gone,
      city: gone, country: gone, gender: null, phone: gone, email: gone, notes: null, contractStart: gone, contractEnd: null,
    };
  }

  me(ctx: SubjectContext): Promise<SubjectObject> {
    return this.get(ctx, ctx.principal.subjectId ?? "");
  }

  async page(ctx: SubjectContext, first: number, after: string | null | undefined) {
    assertPageSize(first, MAX_PAGE_SIZE);
    const afterId = after ? ctx.enforcer.cursors.decode(SUBJECT_CURSOR, after) : null;
    if (afterId !== null && !isUuid(afterId)) throw appError(ErrorCode.BAD_USER_INPUT, 'Argument "after" is not a valid cursor');
    const rows = await this.sources.crm.page(first + 1, afterId);
    const nodes = rows.slice(0, first);
    for (const n of nodes) ctx.loaders.customer.prime(n.id, n);
    const projected = await Promise.all(nodes.map((n) => ctx.enforcer.subject(n)));
    const edges = projected.map((node, i) => ({ cursor: ctx.enforcer.cursors.encode(SUBJECT_CURSOR, nodes[i].id), node }));
    return pageOf(edges, rows.length, first);
  }
}
