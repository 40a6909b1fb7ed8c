/** Selection of the k-th smallest value, for drawing panels and cutting score orders in O(n). */

/**
 * The k-th smallest value (0-based) of `a`, partially reordering `a` (Hoare's quickselect).
 * @example selectKth(Float64Array.of(3, 1, 2), 0) // 1
 */
export function selectKth(a: Float64Array, k: number): number {
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
