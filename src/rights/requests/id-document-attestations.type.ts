import { Field, InputType, ObjectType } from "type-graphql";
import { NotPersonalData } from "../../policy/field-classification";

const HELP = {
  photoHidden: "The photo was blacked out",
  mrzHidden: "The machine-readable zone (MRZ) was blacked out",
  documentNumberHidden: "The document number was blacked out",
  bsnHidden: "The BSN was blacked out",
};

/** What the officer attests about an ID copy before looking at it; the copy itself is never stored. */
@ObjectType({ simpleResolvers: true, description: "Attestations recorded with an ID_DOCUMENT verification" })
export class IdDocumentAttestations {
  @NotPersonalData("yes/no attestation") @Field(() => Boolean, { description: HELP.photoHidden }) photoHidden: boolean;
  @NotPersonalData("yes/no attestation") @Field(() => Boolean, { description: HELP.mrzHidden }) mrzHidden: boolean;
  @NotPersonalData("yes/no attestation") @Field(() => Boolean, { description: HELP.documentNumberHidden }) documentNumberHidden: boolean;
  @NotPersonalData("yes/no attestation") @Field(() => Boolean, { description: HELP.bsnHidden }) bsnHidden: boolean;
}

/** ID_DOCUMENT needs all four true; other methods take none. */
@InputType({ description: "Attestations for an ID_DOCUMENT verification: all four must be true" })
export class IdDocumentAttestationsInput {
  @Field(() => Boolean, { description: HELP.photoHidden }) photoHidden: boolean;
  @Field(() => Boolean, { description: HELP.mrzHidden }) mrzHidden: boolean;
  @Field(() => Boolean, { description: HELP.documentNumberHidden }) documentNumberHidden: boolean;
  @Field(() => Boolean, { description: HELP.bsnHidden }) bsnHidden: boolean;
}
