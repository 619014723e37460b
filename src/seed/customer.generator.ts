import type { SeededRandom } from "./seeded-random";
import type { CustomerRow, Gender } from "./demo-data.types";
import { CITIES, NOTES, STREETS, TUSSENVOEGSELS, type City } from "./dutch-lists";
import { asciiSlug, emailFor, houseNumber, phone, postcode, surnameCore } from "./dutch-data";
import { DAY, HOUR, addMonths, addYears, isoDate, isoTime, startOfDay } from "./seed-time";

export interface Address {
  street: string;
  houseNumber: string;
  postalCode: string;
  city: string;
  country: string;
}

/** A customer row plus what the other generators need to stay consistent with it. */
export interface CustomerProfile {
  row: CustomerRow;
  startMs: number;
  endMs: number | null;
  /** The address before a move: older invoices carry it ("billing address at the time"). */
  previous: (Address & { movedOnMs: number }) | null;
  /** The customer's own website, referenced by DNS API calls in the access log. */
  domain: string;
}

type ContractState = "active" | "ended-long-ago" | "ended-recently";

/**
 * Customers with contracts in three states, in fixed proportions (not per-row coin flips) so that even a
 * small seed exercises every retention case: ~70% active, ~15% ended more than six months ago, ~15% ended
 * within the last six months. Customer numbers follow contract start, as a CRM would hand them out.
 */
export function generateCustomers(rng: SeededRandom, subjects: number, nowMs: number): CustomerProfile[] {
  const ended = subjects >= 3 ? Math.max(1, Math.round(subjects * 0.15)) : 0;
  const states = rng.shuffle<ContractState>([
    ...Array<ContractState>(subjects - 2 * ended).fill("active"),
    ...Array<ContractState>(ended).fill("ended-long-ago"),
    ...Array<ContractState>(ended).fill("ended-recently"),
  ]);
  // One long-standing active customer guarantees invoices spanning 10+ years, whatever the seed.
  const veteran = states.indexOf("active");
  const emails = new Set<string>();
  const drafts = states.map((state, i) => draftCustomer(rng, state, i === veteran, nowMs, emails));
  drafts.sort((a, b) => a.startMs - b.startMs || a.row.createdAt.localeCompare(b.row.createdAt));
  drafts.forEach((d, i) => (d.row.customerNumber = `K${String(100_001 + i).padStart(6, "0")}`));
  return drafts;
}

function contractDates(rng: SeededRandom, state: ContractState, veteran: boolean, today: number) {
  const earliest = addYears(today, -12) + DAY;
  const day = (ms: number) => startOfDay(ms);
  if (state === "ended-long-ago") {
    const end = day(rng.between(addYears(today, -5), addMonths(today, -6) - 2 * DAY));
    return { start: day(rng.between(Math.max(earliest, addYears(end, -10)), addMonths(end, -3))), end };
  }
  if (state === "ended-recently") {
    const end = day(rng.between(addMonths(today, -6) + 2 * DAY, today - DAY));
    return { start: day(rng.between(earliest, addMonths(end, -2))), end };
  }
  const latest = veteran ? addYears(today, -10) - 40 * DAY : addMonths(today, -1);
  return { start: day(rng.between(earliest, latest)), end: null };
}

function pickGender(rng: SeededRandom): Gender | null {
  return rng.weighted<Gender | null>([[30, null], [34, "F"], [34, "M"], [2, "X"]]);
}

function lastName(rng: SeededRandom): string {
  const name = rng.faker.person.lastName();
  // faker's Dutch surnames already carry "van", "de", ...; add the rarer tussenvoegsels now and then.
  return !name.includes(" ") && rng.chance(0.1) ? `${rng.pick(TUSSENVOEGSELS)} ${name}` : name;
}

export function address(rng: SeededRandom, city: City = rng.weighted(CITIES.map((c) => [c.weight, c] as const))): Address {
  return { street: rng.pick(STREETS), houseNumber: houseNumber(rng), postalCode: postcode(rng, city), city: city.name, country: "NL" };
}

function uniqueEmail(rng: SeededRandom, first: string, last: string, taken: Set<string>): string {
  let email = emailFor(rng, first, last);
  while (taken.has(email)) email = email.replace("@", `${rng.int(1, 9)}@`);
  taken.add(email);
  return email;
}

function draftCustomer(
  rng: SeededRandom,
  state: ContractState,
  veteran: boolean,
  nowMs: number,
  emails: Set<string>,
): CustomerProfile {
  const today = startOfDay(nowMs);
  const { start, end } = contractDates(rng, state, veteran, today);
  const gender = pickGender(rng);
  const sex = gender === "F" ? "female" : gender === "M" ? "male" : undefined;
  const firstName = rng.faker.person.firstName(sex);
  const last = lastName(rng);
  const city = rng.weighted(CITIES.map((c) => [c.weight, c] as const));
  const home = address(rng, city);
  // The record is created in the days before the contract starts (sign-up, then activation).
  const createdAt = start - rng.between(0, 14 * DAY) + rng.between(8 * HOUR, 21 * HOUR);
  const lastDay = end ?? today;
  const moved = lastDay - start > 2 * 365 * DAY && rng.chance(0.12);
  const previous = moved ? { ...address(rng), movedOnMs: startOfDay(rng.between(addYears(start, 1), lastDay - 30 * DAY)) } : null;
  // Last touched by the latest change: the move, or the termination (recorded around the end date).
  const changedFrom = Math.max(createdAt, previous?.movedOnMs ?? 0, end === null ? 0 : end - 30 * DAY);
  const updatedAt = rng.between(changedFrom, end === null ? nowMs : Math.min(end + 10 * DAY, nowMs));
  const row: CustomerRow = {
    id: rng.uuid(),
    customerNumber: "", // assigned once all contracts are known, in start order
    firstName,
    lastName: last,
    ...home,
    gender,
    phone: phone(rng, city),
    email: uniqueEmail(rng, firstName, last, emails),
    notes: rng.chance(0.4) ? rng.pick(NOTES) : null,
    contractStart: isoDate(start),
    contractEnd: end === null ? null : isoDate(end),
    createdAt: isoTime(createdAt),
    updatedAt: isoTime(updatedAt),
  };
  const domain = `${asciiSlug(surnameCore(last))}${rng.pick(["", "-online", "web", "-design", "thuis"])}.nl`;
  return { row, startMs: start, endMs: end, previous, domain };
}
