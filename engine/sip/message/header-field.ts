/** One header field line as received or added: `name` as written, `key` its lower-cased long form, `value` unfolded. */
export interface HeaderField {
  readonly name: string;
  readonly key: string;
  readonly value: string;
}
