import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { SeededRandom } from "../../src/seed/seeded-random";
import { landlinePhone, mobilePhone, nlIban, phone, postcode } from "../../src/seed/dutch-data";
import { CITIES } from "../../src/seed/dutch-lists";
import { generateDemoData } from "../../src/seed/demo-data.generator";

const POSTCODE = /^[1-9][0-9]{3} [A-Z]{2}$/;
const E164_NL = /^\+31[1-9][0-9]{8}$/;
const NL_IBAN = /^NL[0-9]{2}[A-Z]{4}[0-9]{10}$/;
const NOW = new Date("2025-06-15T12:00:00.000Z");

/**
 * The test's own ISO 13616 check, independent of the generator's: move the first four characters to the
 * end, letters become 10..35, and the whole number (BigInt, no chunking tricks) must be 1 modulo 97.
 */
function ibanIsValid(iban: string): boolean {
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  const digits = [...rearranged].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join("");
  return BigInt(digits) % 97n === 1n;
}

const seeds = fc.integer({ min: 0, max: 2 ** 31 - 1 });

test("the test's own IBAN check accepts known-good IBANs and rejects a typo", () => {
  assert.ok(ibanIsValid("NL91ABNA0417164300"));
  assert.ok(ibanIsValid("GB82WEST12345698765432"));
  assert.ok(!ibanIsValid("NL91ABNA0417164301"));
});

test("postcodes are 1234 AB with a leading 1-9 and never SA, SD or SS", () => {
  fc.assert(
    fc.property(seeds, (seed) => {
      const rng = new SeededRandom(seed);
      for (let i = 0; i < 50; i++) {
        const code = postcode(rng, i % 2 ? rng.pick(CITIES) : undefined);
        assert.match(code, POSTCODE);
        assert.ok(!["SA", "SD", "SS"].includes(code.slice(5)), code);
      }
    }),
    { numRuns: 200 },
  );
});

test("postcodes stay inside the city's range", () => {
  const rng = new SeededRandom(7);
  for (const city of CITIES) {
    const n = Number(postcode(rng, city).slice(0, 4));
    assert.ok(n >= city.postcodes[0] && n <= city.postcodes[1], `${city.name}: ${n}`);
  }
});

test("phone numbers are Dutch E.164: +31 and nine digits, mobile ones +316", () => {
  fc.assert(
    fc.property(seeds, (seed) => {
      const rng = new SeededRandom(seed);
      for (let i = 0; i < 20; i++) {
        assert.match(phone(rng), E164_NL);
        assert.match(landlinePhone(rng, rng.pick(CITIES)), E164_NL);
        const mobile = mobilePhone(rng);
        assert.match(mobile, E164_NL);
        assert.ok(mobile.startsWith("+316"), mobile);
      }
    }),
    { numRuns: 200 },
  );
});

test("IBANs are NLkk BANK + 10 digits and pass mod 97", () => {
  fc.assert(
    fc.property(seeds, (seed) => {
      const rng = new SeededRandom(seed);
      for (let i = 0; i < 20; i++) {
        const iban = nlIban(rng);
        assert.match(iban, NL_IBAN);
        assert.ok(ibanIsValid(iban), iban);
      }
    }),
    { numRuns: 200 },
  );
});

test("uuids from the seeded PRNG are version 4 and reproducible", () => {
  const a = new SeededRandom(1);
  const b = new SeededRandom(1);
  for (let i = 0; i < 100; i++) {
    const id = a.uuid();
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(b.uuid(), id);
  }
});

test("the generator is deterministic: same seed and now give identical data", () => {
  fc.assert(
    fc.property(seeds, (seed) => {
      const a = generateDemoData({ seed, subjects: 5, now: NOW });
      const b = generateDemoData({ seed, subjects: 5, now: new Date(NOW) });
      assert.equal(JSON.stringify(a), JSON.stringify(b));
    }),
    { numRuns: 10 },
  );
});

test("a different seed gives different data", () => {
  const a = generateDemoData({ seed: 1, subjects: 10, now: NOW });
  const b = generateDemoData({ seed: 2, subjects: 10, now: NOW });
  assert.notDeepEqual(
    a.customers.map((c) => c.email),
    b.customers.map((c) => c.email),
  );
  assert.notEqual(a.customers[0].id, b.customers[0].id);
});

test("generated customers carry valid Dutch contact data and contiguous customer numbers", () => {
  const { customers, paymentMethods } = generateDemoData({ seed: 3, subjects: 60, now: NOW });
  customers.forEach((c, i) => {
    assert.equal(c.customerNumber, `K${100_001 + i}`);
    assert.match(c.postalCode, POSTCODE);
    assert.match(c.phone, E164_NL);
    assert.match(c.email, /^[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]+$/);
    assert.equal(c.country, "NL");
  });
  const ibans = paymentMethods.filter((m) => m.kind === "IBAN").map((m) => m.iban ?? "");
  assert.ok(ibans.length > 0);
  for (const iban of ibans) assert.ok(ibanIsValid(iban), iban);
});

test("invalid options are rejected before anything is generated", () => {
  assert.throws(() => generateDemoData({ seed: 1, subjects: 0, now: NOW }), RangeError);
  assert.throws(() => generateDemoData({ seed: 1.5, subjects: 3, now: NOW }), RangeError);
  assert.throws(() => generateDemoData({ seed: 1, subjects: 3, now: new Date("nope") }), RangeError);
});
