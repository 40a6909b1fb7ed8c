/**
 * Respondent ids collected as bytes — each id's digits and a line feed, in row order — and decoded
 * into one text a part at a time (`text()`: the ids joined by line feeds, which a compact panel
 * keeps as it is, see `withIdText`; a million id strings are made only when something reads them).
 * Bytes cross threads as one copy, where an array of strings is cloned string by string (about
 * twice the time), and a part can be decoded while another thread scans.
 */

const LF = 0x0a;

/**
 * The ids of rows 0 .. count-1 as text bytes.
 * @example
 * const ids = new IdText(2);
 * ids.push(Buffer.from("1001,3"), 0, 4); ids.pushText("1002");
 * ids.strings(); // ["1001", "1002"]
 */
export class IdText {
  /** Rows whose ids are held. */
  count = 0;
  /** Ids already decoded, a part a text (ids joined by line feeds). */
  private readonly settled: string[] = [];
  /** The rest, as bytes, and how many. */
  private bytes: Uint8Array;
  private length = 0;
  private pending = 0;

  /**
   * @param rows the rows expected (for the first allocation; it grows as needed)
   * @example const ids = new IdText(4128);
   */
  constructor(rows: number) {
    this.bytes = new Uint8Array(Math.max(64, Math.min(rows, 1 << 26) * 8));
  }

  /**
   * The next row's id from bytes `buf[start, end)` (digits only, no line feed).
   * @example ids.push(buf, 17, 21);
   */
  push(buf: Uint8Array, start: number, end: number): void {
    const need = this.length + end - start + 1;
    if (need > this.bytes.length) this.grow(need);
    const b = this.bytes;
    let l = this.length;
    for (let k = start; k < end; k++) b[l++] = buf[k];
    b[l++] = LF;
    this.length = l;
    this.count++;
    this.pending++;
  }

  /**
   * The next row's id from a string of digits ("" for an id that was not valid).
   * @example ids.pushText("1001");
   */
  pushText(id: string): void {
    const need = this.length + id.length + 1;
    if (need > this.bytes.length) this.grow(need);
    const b = this.bytes;
    let l = this.length;
    for (let k = 0; k < id.length; k++) b[l++] = id.charCodeAt(k);
    b[l++] = LF;
    this.length = l;
    this.count++;
    this.pending++;
  }

  /**
   * The ids not yet made into strings, as bytes (a copy), for `append` in another thread.
   * @example const { bytes, count } = ids.export();
   */
  export(): { bytes: Uint8Array; count: number } {
    return { bytes: this.bytes.slice(0, this.length), count: this.pending };
  }

  /**
   * Adds the ids another `IdText` exported, as the rows after these.
   * @example mainIds.append(workerIds.export());
   */
  append(part: { bytes: Uint8Array; count: number }): void {
    const need = this.length + part.bytes.length;
    if (need > this.bytes.length) this.grow(need);
    this.bytes.set(part.bytes, this.length);
    this.length = need;
    this.count += part.count;
    this.pending += part.count;
  }

  /**
   * Decodes the ids held as bytes into text now (say, while another thread is still scanning).
   * @example ids.settle();
   */
  settle(): void {
    if (this.pending === 0) return;
    this.settled.push(Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.length - 1).toString("latin1"));
    this.length = 0;
    this.pending = 0;
  }

  /**
   * The held ids joined by line feeds, in row order (see `withIdText`: a million ids as one string).
   * @example new IdText(0).text(); // ""
   */
  text(): string {
    this.settle();
    return this.settled.join("\n");
  }

  /**
   * The held ids as strings, in row order.
   * @example new IdText(0).strings(); // []
   */
  strings(): string[] {
    return this.count === 0 ? [] : this.text().split("\n");
  }

  private grow(need: number): void {
    const bigger = new Uint8Array(Math.max(need, this.bytes.length * 2));
    bigger.set(this.bytes.subarray(0, this.length));
    this.bytes = bigger;
  }
}
