// SPDX-License-Identifier: Apache-2.0
// Kubernetes resource quantities ("100m", "1.5", "64Mi", "1G", "1e3"), as apimachinery's
// resource.Quantity reads them: a signed decimal number and one suffix, binary (Ki…Ei),
// decimal (n, u, m, k, M, G, T, P, E) or a decimal exponent (e3, E-2).

const QUANTITY = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei)|[eE]([+-]?\d+)|(n|u|m|k|M|G|T|P|E))?$/;

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

/** The quantity's value in base units (cores, bytes, a count); undefined if it is not a quantity. */
export function parseQuantity(text: string): number | undefined {
  const m = QUANTITY.exec(text.trim());
  if (!m) return undefined;
  const [, number, binary, exponent, decimal] = m;
  const n = Number(number);
  if (binary) return n * BINARY[binary]!;
  const e = exponent !== undefined ? Number(exponent) : decimal ? DECIMAL[decimal]! : 0;
  // 10 ** e is exact for e ≥ 0; dividing by 10 ** -e keeps 100m at exactly 0.1
  return e >= 0 ? n * 10 ** e : n / 10 ** -e;
}

/** Bytes for people: 16283944Ki → "15.5 GiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${Number.isInteger(v) ? v : v.toFixed(1)} ${units[i]}`;
}
