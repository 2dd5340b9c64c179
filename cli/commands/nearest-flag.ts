/** The closest known flag to an unknown one (edit distance at most 3), for "did you mean". */
export function nearestFlag(unknown: string, known: readonly string[]): string | undefined {
  const scored = known.map((k) => ({ k, d: editDistance(unknown.replace(/^-+/, ""), k.replace(/^-+/, "")) })).sort((x, y) => x.d - y.d);
  return scored[0] && scored[0].d <= 3 ? scored[0].k : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}
