/**
 * Numbers written as Terraform writes them. Terraform keeps numbers as big floats (512 bits for a
 * literal); wif keeps JavaScript doubles. A double is taken to be Terraform's value only when its
 * shortest decimal has at most 15 significant digits (a literal of up to 15 digits survives a double
 * exactly) and it is at most 2^53; otherwise the text would be a different known value, so callers
 * make it unknown.
 */
export interface Decimal {
  readonly negative: boolean;
  /** Significant digits, no leading or trailing zeros ("0" for zero). */
  readonly digits: string;
  /** Decimal exponent of the first digit: 1234 has exponent 3. */
  readonly exponent: number;
}

/** The shortest decimal of `n` when it is exactly Terraform's value, else undefined. */
export function exactDecimal(n: number): Decimal | undefined {
  if (!Number.isFinite(n) || Math.abs(n) > Number.MAX_SAFE_INTEGER) return undefined;
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(n.toExponential());
  if (!m) return undefined;
  const digits = (m[2] + (m[3] ?? "")).replace(/0+$/, "") || "0";
  if (digits.length > 15) return undefined;
  return { negative: m[1] === "-", digits, exponent: Number(m[4]) };
}

/** Go's big.Float `Text('f', -1)`, which Terraform uses to turn a number into a string: never an exponent. */
export function plainText(d: Decimal): string {
  const sign = d.negative ? "-" : "";
  if (d.digits === "0") return "0";
  if (d.exponent < 0) return `${sign}0.${"0".repeat(-d.exponent - 1)}${d.digits}`;
  const whole = d.digits.slice(0, d.exponent + 1).padEnd(d.exponent + 1, "0");
  const fraction = d.digits.slice(d.exponent + 1);
  return sign + whole + (fraction ? `.${fraction}` : "");
}

/** Go's shortest `%g` (no precision): exponent form when the exponent is below -4 or at least 6. */
export function shortestG(d: Decimal): string {
  if (d.digits === "0") return "0";
  if (d.exponent < -4 || d.exponent >= 6) {
    const mantissa = d.digits.length > 1 ? `${d.digits[0]}.${d.digits.slice(1)}` : d.digits;
    const e = Math.abs(d.exponent);
    return `${d.negative ? "-" : ""}${mantissa}e${d.exponent < 0 ? "-" : "+"}${e < 10 ? "0" : ""}${e}`;
  }
  return plainText(d);
}
