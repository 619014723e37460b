import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { validateRectification } from "../../src/rights/rectification/rectification.validation";

const refused = (input: Record<string, unknown>, fields: string[] | null, message: RegExp, country = "NL") =>
  assert.throws(
    () => validateRectification(input, country),
    (err: any) => {
      assert.equal(err.extensions?.code, "BAD_USER_INPUT");
      if (fields) assert.deepEqual(err.extensions.fields, fields);
      assert.match(err.message, message);
      for (const v of Object.values(input)) {
        if (typeof v === "string" && v.trim().length > 3) assert.ok(!err.message.includes(v.trim()), "the value is not echoed");
      }
      return true;
    },
  );

describe("rectification validation", () => {
  test("normalises what it accepts", () => {
    assert.deepEqual(
      validateRectification(
        { postalCode: " 1234ab ", country: "nl", phone: "+31 (0)6-1234.5678".replace("(0)", ""), email: " a.b@example.nl ", notes: "", gender: "X" },
        "BE",
      ),
      { postalCode: "1234 AB", country: "NL", phone: "+31612345678", email: "a.b@example.nl", notes: null, gender: "X" },
    );
    assert.deepEqual(validateRectification({ postalCode: "1234 ab" }, "NL"), { postalCode: "1234 AB" });
    assert.deepEqual(validateRectification({ postalCode: "B-1000" }, "BE"), { postalCode: "B-1000" });
    assert.deepEqual(validateRectification({ notes: null, gender: null }, "NL"), { notes: null, gender: null });
    assert.deepEqual(validateRectification({ notes: "regel 1\nregel 2", firstName: "Zoë" }, "NL"), { notes: "regel 1\nregel 2", firstName: "Zoë" });
    assert.deepEqual(validateRectification({ country: "NL" }, "NL"), { country: "NL" }, "NL → NL needs no postcode");
    assert.deepEqual(validateRectification({ city: "Utrecht", phone: undefined }, "NL"), { city: "Utrecht" }, "undefined is omitted");
  });

  test("refuses bad values, naming the fields only", () => {
    refused({ postalCode: "0123 AB" }, ["postalCode"], /Dutch postcode/);
    refused({ postalCode: "9876 A" }, ["postalCode"], /Dutch postcode/);
    refused({ postalCode: "12345" }, ["postalCode"], /Dutch postcode/);
    refused({ postalCode: "75001", country: "NL" }, ["postalCode"], /Dutch postcode/, "FR");
    refused({ country: "NL" }, ["postalCode"], /required when the country changes to NL/, "BE");
    refused({ postalCode: "1000;DROP" }, ["postalCode"], /letters, digits/, "BE");
    refused({ country: "Netherlands" }, ["country"], /at most 2 characters/);
    refused({ country: "XX" }, ["country"], /ISO 3166-1/);
    refused({ phone: "0612345678" }, ["phone"], /E\.164/);
    refused({ phone: "+0612345678" }, ["phone"], /E\.164/);
    refused({ phone: "+3161234567890123" }, ["phone"], /E\.164|at most/);
    refused({ email: "not-an-email" }, ["email"], /e-mail/);
    refused({ email: `${"a".repeat(250)}@x.nl` }, ["email"], /at most 254/);
    refused({ firstName: "A".repeat(101) }, ["firstName"], /at most 100/);
    refused({ notes: "x".repeat(2001) }, ["notes"], /at most 2000/);
    refused({ houseNumber: "1".repeat(17) }, ["houseNumber"], /at most 16/);
    refused({ lastName: null }, ["lastName"], /cannot be cleared/);
    refused({ city: "   " }, ["city"], /must not be empty/);
    refused({ city: "Utrecht\nZeist" }, ["city"], /control characters/);
    refused({ notes: "bell\u0007" }, ["notes"], /control characters/);
    refused({ gender: "female" }, ["gender"], /Gender values/);
    refused({ firstName: 42 }, ["firstName"], /must be a string/);
    refused({ email: "x", phone: "1", firstName: "" }, ["firstName", "phone", "email"], /firstName.*phone.*email/);
  });

  test("refuses a BSN (elfproef) in any free-text field, in any common notation", () => {
    for (const bsn of ["111222333", "111.222.333", "111 222 333", "1112-22333"]) {
      for (const field of ["notes", "firstName", "lastName", "street", "houseNumber", "city"]) {
        refused({ [field]: `bsn ${bsn}`.slice(0, field === "houseNumber" ? 16 : 100) }, [field], /citizen service number/);
      }
    }
    refused({ email: "111222333@example.nl" }, ["email"], /citizen service number/);
    assert.deepEqual(validateRectification({ notes: "klantnummer 111222334" }, "NL"), { notes: "klantnummer 111222334" }, "fails the elfproef");
  });

  test("refuses an empty input and fields that are not rectifiable (invoices), without echoing their names", () => {
    refused({}, null, /at least one field/);
    refused({ phone: undefined }, null, /at least one field/);
    assert.throws(() => validateRectification({ invoiceAmount: 1, city: "Utrecht" }, "NL"), (err: any) =>
      err.extensions.code === "BAD_USER_INPUT" && /1 field\(s\).*issued invoices are never edited/.test(err.message) && !err.message.includes("invoiceAmount"));
    assert.throws(() => validateRectification({ toString: "x" }, "NL"), /cannot be rectified/);
  });
});
