import type { DisclosureContents, DisclosureDocument } from "./disclosure-document";
import type { ShownLegalDemand } from "./legal-demand";

/**
 * What the company keeps of one execution of a legal demand (SPEC §7): a manifest, not a copy — which fields,
 * which records of which source table, the SHA-256 of the RFC 8785 canonical payload, who and when.
 */
export interface NewManifest extends DisclosureContents {
  demandId: string;
  executedBy: string;
  executedAt: Date;
  formatVersion: string;
  payloadSha256: string;
  /** A 126ne window still open: what existed so far was disclosed. */
  windowOpen: boolean;
}

export interface DisclosureManifest extends NewManifest {
  id: string;
}

/** An execution as the legal officer receives it: the manifest, the demand as it now stands, and the payload. */
export interface ExecutedDisclosure {
  manifest: DisclosureManifest;
  demand: ShownLegalDemand;
  document: DisclosureDocument;
  /** The canonical text of `document` (RFC 8785), whose SHA-256 is the manifest's. */
  canonical: string;
}

/** Whether a payload is the one disclosed on a demand: the execution whose hash it has, if any. */
export interface DisclosureVerification {
  matches: boolean;
  disclosureId: string | null;
  executedAt: Date | null;
}
