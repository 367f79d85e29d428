// GET /certificates/<code> — the public check (valid or not, holder, program, date; 404 "not
// valid" otherwise, the same for every failure). GET /certificates/<code>.pdf?s=<signature> — the
// holder's presentation document; any failure (no signature, a wrong one, an unknown or withdrawn
// code) is one and the same 404, so the PDF address tells nothing about which codes exist.
import type { Express, Response } from 'express';
import { findValidCertificate } from '../core/certification/index.js';
import { normalizeCode } from '../core/certification/code.js';
import type { PublicLinks } from '../core/ports/links.js';
import type { Logger } from '../core/ports/logger.js';
import type { Store } from '../core/ports/repositories.js';
import { notValidPage, validPage } from './page.js';
import { certificatePdf } from './pdf.js';
import { verifyCertificateSignature } from './signed-link.js';

export interface CertificateRouteDeps {
  store: Store;
  logger: Logger;
  key: Buffer;
  links: Pick<PublicLinks, 'certificatePage'>;
}

const HEADERS = { 'X-Robots-Tag': 'noindex', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' };
const NO_PDF = 'No certificate PDF at this address. The holder opens theirs with the link Trellis sent them.';

function sendPage(res: Response, status: number, html: string): void {
  res.status(status).set({ ...HEADERS, 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'" }).type('html').send(html);
}

export function mountCertificates(deps: CertificateRouteDeps): (app: Express) => void {
  return (app) => {
    app.get('/certificates/:file', async (req, res, next) => {
      try {
        const pdf = /^(.+)\.pdf$/i.exec(req.params.file);
        const code = normalizeCode(pdf ? pdf[1]! : req.params.file);
        const found = code ? await findValidCertificate(deps.store, code) : null;
        if (!pdf) return found ? sendPage(res, 200, validPage(found)) : sendPage(res, 404, notValidPage());
        if (!found || !code || !verifyCertificateSignature(deps.key, code, req.query.s)) return void res.status(404).set(HEADERS).type('text/plain').send(NO_PDF);
        const bytes = await certificatePdf({ certificate: found, checkUrl: deps.links.certificatePage(code) });
        res.status(200).set({ ...HEADERS, 'Content-Disposition': `inline; filename="certificate-${code}.pdf"` }).type('application/pdf').send(bytes);
      } catch (error) {
        deps.logger.error({ err: error }, 'certificate page failed');
        next(error);
      }
    });
  };
}
