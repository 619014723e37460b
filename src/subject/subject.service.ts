import type { Principal } from "../auth/principal";
import type { Sources } from "../sources/sources";
import type { CustomerRecord } from "../sources/crm/crm.adapter";
import type { SubjectLoaders } from "./subject.loaders";
import { SubjectAccessService } from "./subject-access.service";
import { assertPageSize, decodeCursor, encodeCursor } from "../common/cursor";
import { appError, ErrorCode } from "../errors/error-code";
import { MAX_PAGE_SIZE } from "./subject.args";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SUBJECT_CURSOR = "subject";

/** Finding subjects: access check first, then the loaders (so a forbidden request issues no SQL). */
export class SubjectService {
  constructor(
    private readonly sources: Sources,
    private readonly access = new SubjectAccessService(),
  ) {}

  async get(principal: Principal, loaders: SubjectLoaders, id: string): Promise<CustomerRecord> {
    if (!UUID.test(id)) throw appError(ErrorCode.BAD_USER_INPUT, 'Argument "id" is not a subject id');
    this.access.assertCanRead(principal, id);
    const subject = await loaders.customer.load(id.toLowerCase());
    if (!subject) throw appError(ErrorCode.NOT_FOUND, "No such subject");
    return subject;
  }

  me(principal: Principal, loaders: SubjectLoaders): Promise<CustomerRecord> {
    return this.get(principal, loaders, this.access.ownSubjectId(principal));
  }

  async page(principal: Principal, loaders: SubjectLoaders, first: number, after: string | null | undefined) {
    this.access.assertCanList(principal);
    assertPageSize(first, MAX_PAGE_SIZE);
    const afterNumber = after ? decodeCursor(SUBJECT_CURSOR, after) : null;
    const rows = await this.sources.crm.page(first + 1, afterNumber);
    const nodes = rows.slice(0, first);
    for (const n of nodes) loaders.customer.prime(n.id, n);
    const edges = nodes.map((node) => ({ cursor: encodeCursor(SUBJECT_CURSOR, node.customerNumber), node }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }
}
