import { registerEnumType } from "type-graphql";
import {
  RequestChannel,
  RequestOutcome,
  RequestStatus,
  RightsRequestType,
  TaskSource,
  TaskStatus,
  VerificationMethod,
} from "./rights-request";

/**
 * The GraphQL names of the rights-request enums. Stored rows keep their values forever, so values are only
 * ever added. TaskSource's values are the store names (lower case); GraphQL shows them upper case.
 */
registerEnumType(RightsRequestType, { name: "PrivacyRequestType", description: "The right a request exercises (GDPR art. 15–21)" });
registerEnumType(RequestChannel, { name: "PrivacyRequestChannel", description: "How a request reached us" });
registerEnumType(RequestStatus, {
  name: "PrivacyRequestStatus",
  description: "RECEIVED → VERIFIED → IN_PROGRESS → COMPLETED, or REJECTED (with reasons and the AP complaint route)",
});
registerEnumType(VerificationMethod, {
  name: "VerificationMethod",
  description: "How the requester was shown to be the subject",
  valuesConfig: {
    PORTAL_LOGIN: { description: "A logged-in portal session (portal requests only)" },
    EMAIL_CHALLENGE: { description: "A challenge to the e-mail address on file was answered" },
    ID_DOCUMENT: { description: "An ID copy with photo, MRZ, document number and BSN blacked out was seen; never stored" },
  },
});
registerEnumType(RequestOutcome, { name: "PrivacyRequestOutcome", description: "How a closed request ended" });
registerEnumType(TaskSource, {
  name: "PrivacyRequestSource",
  description: "A store a request's work is split over",
});
registerEnumType(TaskStatus, { name: "PrivacyRequestTaskStatus", description: "PENDING → RUNNING → DONE | FAILED | HELD" });

export { RequestChannel, RequestOutcome, RequestStatus, RightsRequestType, TaskSource, TaskStatus, VerificationMethod };
