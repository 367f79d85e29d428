/** The origin slack-manifest.json is written with; replaced by TRELLIS_PUBLIC_URL when printed. */
export const MANIFEST_PLACEHOLDER = 'https://trellis.example.com';

/** The manifest with every URL under the placeholder moved under `publicUrl` (a path prefix kept). */
export function slackManifest(manifest: unknown, publicUrl: string): unknown {
  const base = publicUrl.replace(/\/+$/, '');
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.startsWith(MANIFEST_PLACEHOLDER) ? base + v.slice(MANIFEST_PLACEHOLDER.length) : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(manifest);
}
