import type { DataCategory } from "./categories";
import { PURPOSE_MATRIX } from "./matrix";
import {
  OBJECTABLE_BASIS,
  PURPOSE_INFO,
  PURPOSES,
  WITHDRAWABLE_BASIS,
  type LawfulBasis,
  type Purpose,
} from "./purposes";

/** Which choices a subject can make is derived from the matrix, never listed by hand. */
export interface PolicyCell {
  purpose: Purpose;
  category: DataCategory;
}

const cellsWithBasis = (basis: LawfulBasis): readonly PolicyCell[] =>
  PURPOSES.flatMap((purpose) =>
    Object.entries(PURPOSE_MATRIX[purpose])
      .filter(([, cell]) => cell?.basis === basis)
      .map(([category]) => ({ purpose, category: category as DataCategory })),
  );

/** The (c) cells: consent-based, so the subject may withdraw them one by one. */
export const CONSENT_CELLS: readonly PolicyCell[] = cellsWithBasis(WITHDRAWABLE_BASIS);

/** The (f) cells: legitimate interest, which an objection (art. 21) switches off per purpose. */
export const OBJECTABLE_CELLS: readonly PolicyCell[] = cellsWithBasis(OBJECTABLE_BASIS);

/** Purposes with at least one (f) cell: the only ones art. 21 lets a subject object to. */
export const OBJECTABLE_PURPOSES: readonly Purpose[] = [...new Set(OBJECTABLE_CELLS.map((c) => c.purpose))];

export const categoriesObjectable = (purpose: Purpose): DataCategory[] =>
  OBJECTABLE_CELLS.filter((c) => c.purpose === purpose).map((c) => c.category);

export const basisOf = (purpose: Purpose, category: DataCategory): LawfulBasis | null =>
  PURPOSE_MATRIX[purpose][category]?.basis ?? null;

/** Categories a restriction (art. 18) stops processing of: those of every purpose that does not survive it. */
export const RESTRICTABLE_CATEGORIES: readonly DataCategory[] = [
  ...new Set(
    PURPOSES.filter((p) => !PURPOSE_INFO[p].survivesRestriction).flatMap(
      (p) => Object.keys(PURPOSE_MATRIX[p]) as DataCategory[],
    ),
  ),
];
