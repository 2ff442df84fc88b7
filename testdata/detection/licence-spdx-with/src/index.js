// Evaluates the eligibility rules of a benefit for one household.
export function eligible(regles, foyer) {
  return regles.every((r) => r(foyer));
}
