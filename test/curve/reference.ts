// Independent reference implementations for the curve tests: person by person, no tie blocks, no
// bisection, no exact summation — written from the definitions in DESIGN.md, not from the code.

/** C(p) by walking persons sorted largest first, splitting the boundary person linearly. */
export function referenceTopShare(values: number[], weights: number[] | null, p: number): number {
  const persons = values.map((x, i) => ({ x, w: weights ? weights[i] : 1 })).sort((a, b) => b.x - a.x);
  const W = persons.reduce((s, q) => s + q.w, 0);
  const T = persons.reduce((s, q) => s + q.w * q.x, 0);
  let room = p * W;
  let cost = 0;
  for (const q of persons) {
    const take = Math.min(q.w, room);
    if (take <= 0) break;
    cost += take * q.x;
    room -= take;
  }
  return cost / T;
}

/** Gini as the mean absolute difference: ΣΣ wᵢwⱼ|xᵢ − xⱼ| / (2·W·T) (the plain Gini). */
export function referenceGini(values: number[], weights: number[] | null = null): number {
  const w = (i: number) => (weights ? weights[i] : 1);
  let W = 0;
  let T = 0;
  let diff = 0;
  for (let i = 0; i < values.length; i++) {
    W += w(i);
    T += w(i) * values[i];
    for (let j = 0; j < values.length; j++) diff += w(i) * w(j) * Math.abs(values[i] - values[j]);
  }
  return diff / (2 * W * T);
}

/** Integer weights → the expanded sample: each person repeated weight times. */
export function expand(values: number[], weights: number[]): number[] {
  return values.flatMap((x, i) => Array.from({ length: weights[i] }, () => x));
}
