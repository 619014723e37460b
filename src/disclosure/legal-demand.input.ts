import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { DataCategory } from "../policy/categories";
import { appError, ErrorCode } from "../errors/error-code";
import { DemandChannel, IssuerType, LegalDemandBasis, LegalDemandStatus } from "./legal-demand.enums.graphql";
import type { SubjectNaming } from "./demand-subject";
import type { NewLegalDemand } from "./legal-demand";
import { MAX_DEMAND_PAGE_SIZE } from "./legal-demand.service";

const MAX_TEXT = 200;

@InputType({ description: "How the demand names its subject: exactly one of subjectId, customerNumber, email, or ip with at" })
export class DemandSubjectInput {
  @Field(() => ID, { nullable: true }) subjectId?: string | null;
  @Field(() => String, { nullable: true }) customerNumber?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
  @Field(() => String, { nullable: true, description: "An IP address (v4 or v6); with `at`" }) ip?: string | null;
  @Field(() => Date, { nullable: true, description: "The moment the address was used; resolved within the hour around it" }) at?: Date | null;
}

@InputType({ description: "A police or justice demand as received (SPEC §7)" })
export class RecordLegalDemandInput {
  @Field(() => String, { description: `The issuing authority, at most ${MAX_TEXT} characters` }) authority: string;
  @Field(() => String) officerName: string;
  @Field(() => String, { description: "Badge or employee number" }) officerNumber: string;
  @Field(() => IssuerType) issuerType: IssuerType;
  @Field(() => LegalDemandBasis) basis: LegalDemandBasis;
  @Field(() => String, { description: "Parketnummer or proces-verbaal" }) caseReference: string;
  @Field(() => String, { nullable: true, description: "The RC's authorisation (126nf, 126ng) or the court's reference" })
  authorisationReference?: string | null;
  @Field(() => DemandSubjectInput) subject: DemandSubjectInput;
  @Field(() => [DataCategory]) categories: DataCategory[];
  @Field(() => Date, { nullable: true }) from?: Date | null;
  @Field(() => Date, { nullable: true }) to?: Date | null;
  @Field(() => DemandChannel) channel: DemandChannel;
  @Field(() => Date) receivedAt: Date;
  @Field(() => String, { nullable: true, description: "SHA-256 (hex) of the written demand" }) documentSha256?: string | null;
  @Field(() => Int, { nullable: true, description: "126ni only: days to preserve" }) preservationDays?: number | null;
}

@ArgsType()
export class RecordLegalDemandArgs {
  @Field(() => RecordLegalDemandInput) input: RecordLegalDemandInput;
}

@ArgsType()
export class LegalDemandIdArgs {
  @Field(() => ID) id: string;
}

/** The demand an operation of SPEC §7 acts on (executeDisclosure, verifyDisclosure, liftConfidentiality). */
@ArgsType()
export class DemandIdArgs {
  @Field(() => ID) demandId: string;
}

@ArgsType()
export class LiftConfidentialityArgs extends DemandIdArgs {
  @Field(() => String, { description: "SHA-256 (hex) of the evidence that the order ended (the document is not stored)" }) evidenceSha256: string;
  @Field(() => String, { description: `Why it may be lifted now, 1–${MAX_TEXT * 5} characters` }) note: string;
}

/** The note of a lifting as stored: trimmed, 1–1000 characters. */
export function liftNote(note: string): string {
  const v = note.trim();
  if (!v || v.length > MAX_TEXT * 5) throw appError(ErrorCode.BAD_USER_INPUT, `Argument "note" must be 1–${MAX_TEXT * 5} characters`);
  return v;
}

@ArgsType()
export class RejectLegalDemandArgs extends LegalDemandIdArgs {
  @Field(() => [String], { description: "Why the privacy officer rejects it, at least one" }) reasons: string[];
}

@ArgsType()
export class RecordWrittenCopyArgs extends LegalDemandIdArgs {
  @Field(() => String, { description: "SHA-256 (hex) of the written copy" }) documentSha256: string;
}

@ArgsType()
export class LegalDemandsArgs {
  @Field(() => LegalDemandStatus, { nullable: true }) status?: LegalDemandStatus | null;
  @Field(() => Boolean, { nullable: true, description: "true: oral demands whose written copy is overdue now; false: all others" })
  writtenCopyOverdue?: boolean | null;
  @Field(() => Int, { defaultValue: 50, description: `Page size, 1–${MAX_DEMAND_PAGE_SIZE}` }) first: number;
  @Field(() => String, { nullable: true }) after?: string | null;
}

/** The input as the service takes it; malformed input is BAD_USER_INPUT naming the argument, never its value. */
export function toNewDemand(i: RecordLegalDemandInput): NewLegalDemand {
  const text = (name: string, value: string | null | undefined, required: boolean): string | null => {
    const v = value?.trim() ?? "";
    if (!v && !required) return null;
    if (!v || v.length > MAX_TEXT) throw appError(ErrorCode.BAD_USER_INPUT, `Argument "${name}" must be 1–${MAX_TEXT} characters`);
    return v;
  };
  if (i.documentSha256 != null) sha256(i.documentSha256);
  if ((i.from == null) !== (i.to == null)) throw appError(ErrorCode.BAD_USER_INPUT, 'Arguments "from" and "to" go together');
  return {
    authority: text("authority", i.authority, true)!,
    officerName: text("officerName", i.officerName, true)!,
    officerNumber: text("officerNumber", i.officerNumber, true)!,
    issuerType: i.issuerType,
    basis: i.basis,
    caseReference: text("caseReference", i.caseReference, true)!,
    authorisationReference: text("authorisationReference", i.authorisationReference, false),
    subject: subjectNaming(i.subject),
    categories: [...new Set(i.categories)],
    range: i.from && i.to ? { from: i.from, to: i.to } : null,
    channel: i.channel,
    receivedAt: i.receivedAt,
    documentSha256: i.documentSha256 != null ? sha256(i.documentSha256) : null,
    preservationDays: i.preservationDays ?? null,
  };
}

/** A document's SHA-256 as the register keeps it (lower-case hex); anything else is BAD_USER_INPUT. */
export function sha256(value: string, argument = "documentSha256"): string {
  if (!/^[0-9a-f]{64}$/i.test(value)) throw appError(ErrorCode.BAD_USER_INPUT, `Argument "${argument}" must be a SHA-256 in hex`);
  return value.toLowerCase();
}

function subjectNaming(s: DemandSubjectInput): SubjectNaming {
  const given = [s.subjectId, s.customerNumber, s.email, s.ip].filter((v) => v != null && v.trim() !== "").length;
  if (given !== 1 || (s.ip != null) !== (s.at != null)) {
    throw appError(ErrorCode.BAD_USER_INPUT, 'Argument "subject" must name the subject one way: subjectId, customerNumber, email, or ip with at');
  }
  if (s.subjectId) return { by: "SUBJECT_ID", subjectId: s.subjectId };
  if (s.customerNumber) return { by: "CUSTOMER_NUMBER", customerNumber: s.customerNumber };
  if (s.email) return { by: "EMAIL", email: s.email };
  return { by: "IP_AND_MOMENT", ip: s.ip!, at: s.at! };
}
