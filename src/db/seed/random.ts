/** A small seeded PRNG (mulberry32) so demo and benchmark data are the same on every run. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof seededRandom>;

/** A UUID-shaped id derived from a name and a number, stable across runs. */
export function stableId(kind: string, n: number): string {
  const hex = (kind.split("").reduce((h, c) => (Math.imul(h, 31) + c.charCodeAt(0)) >>> 0, 7) >>> 0).toString(16).padStart(8, "0");
  const tail = n.toString(16).padStart(12, "0");
  return `${hex}-0000-4000-8000-${tail}`;
}
