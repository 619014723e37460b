import { Field, Int, ObjectType } from "type-graphql";
import { NotPersonalData } from "../../policy/field-classification";
import { TaskSource, TaskStatus } from "./request-enums.graphql";

/**
 * One source's part of a request's work. Nothing here is about the subject by itself (a store name, a
 * status, a count, an error code); the list of tasks on a request is classified as a privacy record.
 */
@ObjectType({ simpleResolvers: true, description: "The work of a request in one source store" })
export class PrivacyRequestTask {
  @NotPersonalData("a store name") @Field(() => TaskSource) source: TaskSource;
  @NotPersonalData("a processing status") @Field(() => TaskStatus) status: TaskStatus;
  @NotPersonalData("a count of attempts") @Field(() => Int) attempts: number;

  @NotPersonalData("an error code, never a message")
  @Field(() => String, { nullable: true, description: "Code of the last failure, e.g. SOURCE_UNAVAILABLE, while the task is not DONE" })
  lastErrorCode: string | null;

  @NotPersonalData("when the task last changed") @Field(() => Date) updatedAt: Date;
}
