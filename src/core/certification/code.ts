// Certificate verification codes: 10 characters of Crockford base32, shown as XXXXX-XXXXX.
// People retype them from paper, so reading is forgiving: case, dashes and spaces don't matter,
// and O/I/L are read as 0/1/1 (Crockford's rule; those letters are never issued).
const CANONICAL = /^[0-9A-HJKMNP-TV-Z]{10}$/;

export function normalizeCode(text: string): string | null {
  const compact = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return CANONICAL.test(compact) ? compact : null;
}

export const formatCode = (code: string): string => `${code.slice(0, 5)}-${code.slice(5)}`;
