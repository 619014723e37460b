import type { RootRuleName } from "./permission-rules";

/**
 * Who may call each root field. A root field missing here is denied (shield's fallback rule), so a new
 * query or mutation is unreachable until someone decides who may use it.
 */
export const ROOT_PERMISSIONS: Readonly<Record<"Query" | "Mutation", Readonly<Record<string, RootRuleName>>>> = {
  Query: {
    me: "ownSubjectToken",
    subject: "subjectInReach",
    subjects: "staffList",
    auditTrail: "auditor",
    auditIntegrity: "auditor",
    accessReport: "ownSubjectOrRightsAdmin",
    erasurePreview: "ownSubjectOrRightsAdmin",
    privacyRequests: "rightsAdminOrOwnRequests",
    privacyRequest: "rightsAdminOrOwnRequests",
    legalDemands: "demandRegister",
    legalDemand: "demandRegister",
    transparencyReport: "rightsAdmin",
    verifyDisclosure: "demandRegister",
    disclosureManifests: "demandRegister",
    retentionRuns: "rightsAdmin",
    privacyStatements: "authenticated",
    processingRegister: "rightsAdmin",
    policy: "authenticated",
  },
  Mutation: {
    withdrawConsent: "ownSubjectOrRightsAdmin",
    giveConsent: "ownSubjectOrRightsAdmin",
    objectToProcessing: "ownSubjectOrRightsAdmin",
    withdrawObjection: "ownSubjectOrRightsAdmin",
    restrictProcessing: "ownSubjectOrRightsAdmin",
    liftRestriction: "ownSubjectOrRightsAdmin",
    rectifySubject: "ownSubjectOrRightsAdmin",
    eraseSubject: "erasureByOwnSubjectOrRightsAdmin",
    submitPrivacyRequest: "rightsAdmin",
    verifyPrivacyRequest: "rightsAdmin",
    startPrivacyRequest: "rightsAdmin",
    rejectPrivacyRequest: "rightsAdmin",
    completePrivacyRequest: "rightsAdmin",
    recordLegalDemand: "legalOfficer",
    recordWrittenCopy: "legalOfficer",
    approveLegalDemand: "rightsAdmin",
    rejectLegalDemand: "rightsAdmin",
    executeDisclosure: "legalOfficer",
    closeLegalDemand: "legalOfficer",
    liftConfidentiality: "rightsAdmin",
    runRetention: "rightsAdmin",
    placeLegalHold: "rightsAdmin",
    releaseLegalHold: "rightsAdmin",
  },
};
