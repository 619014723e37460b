import { ArgsType, Field, ID, InputType } from "type-graphql";
import { Gender } from "../../subject/gender.enum";

/**
 * What a subject may have corrected (art. 16). Every field is optional; at least one is required.
 * An omitted field is left alone; `null` clears `notes` or `gender` and is refused for the others.
 * There are deliberately no invoice or billing fields: issued invoices are never edited (SPEC §5).
 */
@InputType({ description: "Corrections to the subject's crm data; omitted fields are left unchanged" })
export class RectifySubjectInput {
  @Field(() => String, { nullable: true, description: "At most 100 characters" }) firstName?: string | null;
  @Field(() => String, { nullable: true, description: "At most 100 characters" }) lastName?: string | null;
  @Field(() => String, { nullable: true, description: "At most 100 characters" }) street?: string | null;
  @Field(() => String, { nullable: true, description: "At most 16 characters, e.g. '12A'" }) houseNumber?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "In the Netherlands '1234 AB' ('1234ab' is accepted and stored as '1234 AB'); elsewhere at most 16 characters",
  })
  postalCode?: string | null;

  @Field(() => String, { nullable: true, description: "At most 100 characters" }) city?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "ISO 3166-1 alpha-2 (stored upper-case). Changing it to NL requires a Dutch postal code",
  })
  country?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "E.164, e.g. +31612345678 (spaces, dots, dashes and brackets are removed first)",
  })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: "An e-mail address, at most 254 characters" }) email?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Free text, at most 2000 characters; null or empty clears it. Never a citizen service number (BSN)",
  })
  notes?: string | null;

  @Field(() => Gender, { nullable: true, description: "null clears it" }) gender?: Gender | null;
}

@ArgsType()
export class RectifySubjectArgs {
  @Field(() => ID) subjectId: string;
  @Field(() => RectifySubjectInput) input: RectifySubjectInput;

  @Field(() => ID, { nullable: true, description: "The VERIFIED rectification request it fulfils (privacy officer); omit in the portal" })
  requestId?: string | null;
}
