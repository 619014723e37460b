import { isIP } from "node:net";
import { appError, ErrorCode } from "../errors/error-code";
import { isUuid } from "../common/uuid";
import { DemandRefusal, IP_LOOKUP_WINDOW_MINUTES } from "../policy/legal-bases";
import type { Sources } from "../sources/sources";

/** How a legal demand names its subject (SPEC §7). */
export type SubjectNaming =
  | { by: "SUBJECT_ID"; subjectId: string }
  | { by: "CUSTOMER_NUMBER"; customerNumber: string }
  | { by: "EMAIL"; email: string }
  /** "Who used this address at this moment?": the most common demand a hosting company receives. */
  | { by: "IP_AND_MOMENT"; ip: string; at: Date };

export type NamedSubject =
  | { subjectId: string }
  | { refusal: DemandRefusal.SUBJECT_NOT_FOUND | DemandRefusal.SUBJECT_AMBIGUOUS; candidates: number };

const HALF_WINDOW_MS = (IP_LOOKUP_WINDOW_MINUTES / 2) * 60_000;

/**
 * Finds the one subject a demand names. No match, or more than one, is a refusal with its reason: a demand
 * discloses one person's data, never a set of people who happened to share an address (no dragnets).
 * An IP address and a moment are resolved from auth's login events and weblog's logged-in requests within
 * IP_LOOKUP_WINDOW_MINUTES around the moment; anonymous requests name nobody.
 */
export class DemandSubjects {
  constructor(private readonly sources: Pick<Sources, "crm" | "auth" | "weblog">) {}

  async resolve(naming: SubjectNaming): Promise<NamedSubject> {
    const ids = await this.candidates(naming);
    if (ids.length === 1) return { subjectId: ids[0] };
    return { refusal: ids.length === 0 ? DemandRefusal.SUBJECT_NOT_FOUND : DemandRefusal.SUBJECT_AMBIGUOUS, candidates: ids.length };
  }

  private async candidates(naming: SubjectNaming): Promise<string[]> {
    const { crm, auth, weblog } = this.sources;
    switch (naming.by) {
      case "SUBJECT_ID": {
        if (!isUuid(naming.subjectId)) throw appError(ErrorCode.BAD_USER_INPUT, 'Argument "subjectId" is not a subject id');
        const [found] = await crm.findByIds([naming.subjectId.toLowerCase()]);
        return found ? [found.id] : [];
      }
      case "CUSTOMER_NUMBER":
        return crm.idsByCustomerNumbers([naming.customerNumber.trim()]);
      case "EMAIL":
        return crm.idsByEmail(naming.email.trim());
      case "IP_AND_MOMENT": {
        // Checked here: the sources cast the text to inet, and a cast error is no refusal the caller can act on.
        if (isIP(naming.ip.trim()) === 0) throw appError(ErrorCode.BAD_USER_INPUT, 'Argument "ip" is not an IP address');
        const ip = naming.ip.trim();
        const from = new Date(naming.at.getTime() - HALF_WINDOW_MS);
        const to = new Date(naming.at.getTime() + HALF_WINDOW_MS);
        const [loggedIn, accounts] = await Promise.all([auth.customersByIp(ip, from, to), weblog.accountsByIp(ip, from, to)]);
        const customers = new Set([...loggedIn, ...(await auth.customersOfAccounts(accounts))]);
        return crm.idsByCustomerNumbers([...customers]);
      }
    }
  }
}
