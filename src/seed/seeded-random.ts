import { Faker, base, en, nl } from "@faker-js/faker";

/**
 * The one source of randomness for the demo data. Every draw goes through a single seeded faker
 * instance, in a fixed order, so the same seed (and the same `now`) reproduces the data byte for byte.
 * faker's own date helpers are deliberately not used: they default to the wall clock.
 */
export class SeededRandom {
  readonly faker: Faker;

  constructor(seed: number) {
    // Dutch first (names), English and base as fallbacks for anything nl does not define.
    this.faker = new Faker({ locale: [nl, en, base] });
    this.faker.seed(seed);
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return this.faker.number.int({ min: Math.ceil(min), max: Math.floor(max) });
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.faker.number.float({ min: 0, max: 1 }) < p;
  }

  /** Float in [min, max). */
  float(min: number, max: number): number {
    return min + this.faker.number.float({ min: 0, max: 1 }) * (max - min);
  }

  pick<T>(items: readonly T[]): T {
    return this.faker.helpers.arrayElement(items);
  }

  /** Picks from `[weight, value]` pairs; weights need not add up to anything in particular. */
  weighted<T>(pairs: ReadonlyArray<readonly [number, T]>): T {
    return this.faker.helpers.weightedArrayElement(pairs.map(([weight, value]) => ({ weight, value })));
  }

  shuffle<T>(items: readonly T[]): T[] {
    return this.faker.helpers.shuffle([...items]);
  }

  /** Epoch milliseconds uniformly in [fromMs, toMs]. */
  between(fromMs: number, toMs: number): number {
    return toMs <= fromMs ? fromMs : this.int(fromMs, toMs);
  }

  /** `n` decimal digits as a string (leading zeros allowed). */
  digits(n: number): string {
    let s = "";
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }

  /** Lowercase letters and digits. */
  alnum(n: number): string {
    return this.faker.string.alphanumeric({ length: n, casing: "lower" });
  }

  bytes(n: number): Buffer {
    const out = Buffer.alloc(n);
    for (let i = 0; i < n; i++) out[i] = this.int(0, 255);
    return out;
  }

  /**
   * A version-4-formatted UUID drawn from the seeded PRNG (not crypto.randomUUID), so primary keys are
   * reproducible too and two runs with the same seed agree on every id.
   */
  uuid(): string {
    const b = this.bytes(16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = b.toString("hex");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}
