/** The top of a score order in O(n), for drawing panels and cutting the population's answers. */

/** The k-th smallest value (0-based) of `a`, partially reordering `a` (Hoare's quickselect). */
function selectKth(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (left < right) {
    const pivot = a[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return a[k];
  }
  return a[k];
}

/**
 * The row numbers 0, 1, …, n − 1 (a plain loop: `Int32Array.from` with a map function took 14 times as long).
 * @example allRows(3) // Int32Array [0, 1, 2]
 */
export function allRows(n: number): Int32Array {
  const rows = new Int32Array(n);
  for (let i = 0; i < n; i++) rows[i] = i;
  return rows;
}

/**
 * The `count` rows of `rows` with the highest scores (ties by row order: deterministic), in increasing order.
 * @example topByScore(Int32Array.of(0, 1, 2), Float64Array.of(5, 1, 3), 2) // Int32Array [0, 2]
 */
export function topByScore(rows: Int32Array, score: Float64Array, count: number): Int32Array {
  if (count <= 0) return new Int32Array(0);
  const values = new Float64Array(rows.length);
  for (let m = 0; m < rows.length; m++) values[m] = score[rows[m]];
  const threshold = selectKth(values, rows.length - count);
  const out = new Int32Array(count);
  let m = 0;
  for (let j = 0; j < rows.length && m < count; j++) if (score[rows[j]] > threshold) out[m++] = rows[j];
  for (let j = 0; j < rows.length && m < count; j++) if (score[rows[j]] === threshold) out[m++] = rows[j];
  return out.sort();
}
