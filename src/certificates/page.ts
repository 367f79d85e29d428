// The public check of a certificate code: plain HTML, no scripts, nothing private — valid or not,
// the holder's name, the program, the date. An unknown, malformed or withdrawn code gets the same
// "not valid" page, so the page never tells which codes once existed.
import type { PublicCertificate } from '../core/certification/index.js';
import { formatCode } from '../core/certification/code.js';

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f5;color:#1d2522}
main{max-width:560px;margin:48px auto;background:#fff;border:1px solid #dfe4e1;border-radius:10px;padding:28px 32px}
h1{font-size:22px;margin:0 0 12px}.valid h1{color:#2f6f5e}.invalid h1{color:#8a2c2c}
dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 18px;margin:16px 0}dt{color:#52605a}dd{margin:0;font-weight:600}
p.note{color:#52605a;font-size:14px}`;

function page(title: string, kind: 'valid' | 'invalid', body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${escape(title)}</title><style>${STYLE}</style></head>
<body><main class="${kind}" data-certificate="${kind}">${body}</main></body></html>`;
}

export function validPage(c: PublicCertificate): string {
  return page(`Valid certificate ${formatCode(c.code)}`, 'valid', `<h1>✓ Valid certificate</h1>
<dl><dt>Holder</dt><dd id="holder">${escape(c.holder)}</dd><dt>Program</dt><dd id="program">${escape(c.program)}</dd><dt>Issued</dt><dd id="issued">${escape(c.issued)}</dd><dt>Code</dt><dd id="code">${formatCode(c.code)}</dd></dl>
<p class="note">This certificate was issued through Trellis by the program named above. Nothing else about the holder is shown here.</p>`);
}

export function notValidPage(): string {
  return page('Not a valid certificate', 'invalid', `<h1>✗ Not a valid certificate</h1>
<p>No valid certificate has this code. Check the code for typos: it has 10 letters and digits, like 7K3QD-M9X2P.</p>`);
}
