/**
 * How much one act of each kind says about trust from the actor to the subject. A vouch or
 * an in-person verification is a deliberate statement, so it weighs most; a confirmed
 * exchange or a returned loan is trust acted on; co-attending an event is weak evidence.
 * Upheld disputes and reports are negative evidence and subtract from the tie; a negative
 * reference subtracts a little less because it is one person's word. A coordinator's reversal
 * of an exchange's hours withdraws exactly what the confirmation added (it is appended with the
 * confirmation's date, so the two decay alike and cancel).
 */
export const KIND_WEIGHTS = {
  vouch: 3,
  verification: 3,
  exchange_confirmed: 2,
  loan_returned: 2,
  garden_agreement: 2,
  reference: 1.5,
  project_covolunteer: 1,
  event_coattended: 0.5,
  exchange_reversed: -2,
  reference_negative: -2,
  dispute_upheld: -4,
  report_upheld: -5,
} as const satisfies Record<string, number>;

/** A kind of interaction the engine knows a weight for. */
export type InteractionKind = keyof typeof KIND_WEIGHTS;

/** Returns the weight of `kind`, or undefined for a kind the table does not know. */
export function kindWeight(kind: string): number | undefined {
  return Object.hasOwn(KIND_WEIGHTS, kind) ? KIND_WEIGHTS[kind as InteractionKind] : undefined;
}
