/** Code-point order, independent of the process locale: the same input sorts the same everywhere. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
