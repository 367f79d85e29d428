import type { CommandContext } from '../commands/types.js';
import { formatCode } from './code.js';

/** Where the holder finds their certificate: their signed PDF link and the public check (addresses only with TRELLIS_PUBLIC_URL's links). */
export function certificateLines(ctx: Pick<CommandContext, 'links'>, code: string): string[] {
  const typed = `\`/mentor verify-certificate ${formatCode(code)}\``;
  if (!ctx.links) return [`Anyone can check it with ${typed}.`];
  return [
    `Your certificate as a PDF (this link is yours: share it with whom you choose): ${ctx.links.certificatePdf(code)}`,
    `Anyone can check the code at ${ctx.links.certificatePage(code)} or with ${typed}.`,
  ];
}
