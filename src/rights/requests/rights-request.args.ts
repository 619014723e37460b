import { ArgsType, Field, ID, InputType, Int } from "type-graphql";
import { RequestChannel, RequestOutcome, RequestStatus, RightsRequestType, VerificationMethod } from "./request-enums.graphql";
import { IdDocumentAttestationsInput } from "./id-document-attestations.type";
import { MAX_REQUEST_PAGE_SIZE } from "./request-views";

const NO_BSN = "Refused when it contains a BSN";

@InputType({ description: "A rights request the privacy officer registers (e.g. one received by e-mail)" })
export class SubmitPrivacyRequestInput {
  @Field(() => ID) subjectId: string;
  @Field(() => RightsRequestType) type: RightsRequestType;
  @Field(() => RequestChannel, { defaultValue: RequestChannel.EMAIL }) channel: RequestChannel;
  @Field(() => Date, { nullable: true, description: "When it arrived; default now; never in the future" }) receivedAt?: Date | null;
  @Field(() => String, { nullable: true, description: `Handling notes, at most 2000 characters. ${NO_BSN}` }) notes?: string | null;
}

@ArgsType()
export class SubmitPrivacyRequestArgs {
  @Field(() => SubmitPrivacyRequestInput) input: SubmitPrivacyRequestInput;
}

@ArgsType()
export class PrivacyRequestIdArgs {
  @Field(() => ID) id: string;
}

@ArgsType()
export class VerifyPrivacyRequestArgs extends PrivacyRequestIdArgs {
  @Field(() => VerificationMethod) method: VerificationMethod;

  @Field(() => IdDocumentAttestationsInput, { nullable: true, description: "Required (all true) for ID_DOCUMENT; none otherwise" })
  attestations?: IdDocumentAttestationsInput | null;
}

@ArgsType()
export class RejectPrivacyRequestArgs extends PrivacyRequestIdArgs {
  @Field(() => [String], { description: `1–20 reasons stated to the requester. ${NO_BSN}` }) reasons: string[];
}

@ArgsType()
export class CompletePrivacyRequestArgs extends PrivacyRequestIdArgs {
  @Field(() => RequestOutcome, { description: "FULFILLED or PARTIALLY_FULFILLED (refusals use rejectPrivacyRequest)" })
  outcome: RequestOutcome;

  @Field(() => String, { nullable: true, description: `What was done, at most 2000 characters. ${NO_BSN}` })
  outcomeText?: string | null;
}

@ArgsType()
export class PrivacyRequestsArgs {
  @Field(() => Int, { defaultValue: 50, description: `Page size, 1–${MAX_REQUEST_PAGE_SIZE}` }) first: number;
  @Field(() => String, { nullable: true }) after?: string | null;
  @Field(() => RequestStatus, { nullable: true }) status?: RequestStatus | null;
  @Field(() => Boolean, { nullable: true, description: "true: RECEIVED, VERIFIED or IN_PROGRESS; false: closed" }) open?: boolean | null;
  @Field(() => ID, { nullable: true, description: "Requests of this subject" }) subjectId?: string | null;
  @Field(() => Date, { nullable: true, description: "Deadline strictly before this instant" }) dueBefore?: Date | null;
  @Field(() => Boolean, { nullable: true, description: "true: open and past the deadline; false: all others" }) overdue?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: "true: open and at day 21 or later; false: all others" }) dueSoon?: boolean | null;
}
