import type { CommandSpec } from '../commands/types.js';
import { UserError } from '../errors.js';
import { message, privateReply, type Block } from '../messages/model.js';
import { renderPlain } from '../messages/plain-text.js';
import { formatCode, normalizeCode } from './code.js';
import { findValidCertificate } from './public-view.js';

/** Anyone may check a code: it shows the program, the holder's name and the date, nothing more. */
export const verifyCertificateCommand: CommandSpec = {
  path: ['verify-certificate'],
  summary: 'check a certificate code: which program, who holds it, since when',
  // Typed from paper, so spaces inside the code are forgiven: the rest of the line is the code.
  args: [{ name: 'code', kind: 'text', description: 'the code printed on the certificate, like 7K3QD-M9X2P', variadic: true }],
  requires: 'anyone',
  async run(ctx, args) {
    const typed = args.requiredString('code');
    const code = normalizeCode(typed);
    if (!code) throw new UserError(`"${typed}" isn't a certificate code: codes have 10 letters and digits, like 7K3QD-M9X2P.`, { code: 'BAD_CODE', usage: ctx.usage, argument: 'code' });
    const found = await findValidCertificate(ctx.store, code);
    if (!found) return privateReply(message(`No valid certificate has the code ${formatCode(code)}. Check it for typos.`));
    const blocks: Block[] = [
      { type: 'heading', text: `Valid certificate ${formatCode(code)}` },
      { type: 'fields', fields: [
        { label: 'Program', value: found.program },
        { label: 'Holder', value: found.holder },
        { label: 'Issued', value: found.issued },
      ] },
      ...(ctx.links ? [{ type: 'text' as const, text: `Also at ${ctx.links.certificatePage(code)}` }] : []),
    ];
    return privateReply(message(renderPlain(blocks), blocks));
  },
};
