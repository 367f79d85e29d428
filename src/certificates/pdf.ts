// The presentation document: the certificate as a PDF, drawn with pdfkit from the record kept at
// issue. DejaVu Sans is embedded (subset) so every name prints as written, whatever its script,
// and pdfkit writes a ToUnicode map with it, so the text can be selected, searched and read back.
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { CertificateRecord } from '../core/certification/certificate-record.js';
import type { PublicCertificate } from '../core/certification/index.js';
import { formatCode } from '../core/certification/code.js';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
const GREEN = '#2f6f5e';
const GREY = '#52605a';

export interface CertificatePdfInput {
  certificate: PublicCertificate;
  /** The public page where anyone can check the code. */
  checkUrl: string;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The five pillars as lines: what each attests, or that it was not verified when the certificate was issued. */
export function pillarLines(r: CertificateRecord): [string, string][] {
  const p = r.pillars;
  const on = (day: string | null) => (day ? ` on ${day}` : '');
  const modules = p.education.modules.length
    ? `; continuing education: ${p.education.modules.filter((m) => m.verified).length} of ${p.education.modulesRequired} modules verified (${p.education.modules.map((m) => `${m.title}${m.verified ? '' : ' — not verified'}`).join('; ')})`
    : '';
  return [
    ['Profile', p.profile.verified ? `Learning contract of ${plural(p.profile.statements, 'action-outcome statement')}, verified${on(p.profile.on)}.` : 'Learning contract not verified at issue.'],
    ['Self-assessment', p.selfAssessment.verified ? `Accountability agreement: ${plural(p.selfAssessment.statements, '"Can I …?" statement')}, each answered yes with evidence, verified${on(p.selfAssessment.on)}.` : `Self-assessment not verified at issue (${p.selfAssessment.yes} of ${p.selfAssessment.statements} answered yes).`],
    ['Education', `Evidence portfolio: ${p.education.casesVerified} of ${p.education.casesRequired} case records verified${modules}.`],
    ['Verification', p.verification.complete ? `All evidence confirmed by ${p.verification.by ?? 'the mentor'}${on(p.verification.on)}.` : 'Not every piece of evidence was confirmed by the mentor at issue.'],
    ['Certification', `Issued on ${r.issuedOn} by ${r.issuedBy}${r.override ? ', by the coordinator’s decision although not every requirement was met' : ''}.`],
  ];
}

function heading(doc: PDFKit.PDFDocument, text: string): void {
  doc.moveDown(0.8).font('bold').fontSize(12).fillColor(GREEN).text(text.toUpperCase(), { characterSpacing: 1 }).fillColor('black').moveDown(0.3);
}

/** The PDF as bytes. */
export function certificatePdf({ certificate, checkUrl }: CertificatePdfInput): Promise<Buffer> {
  const r = certificate.record;
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `${certificate.program} — certificate`, Author: 'Trellis', Subject: `Certificate ${formatCode(certificate.code)}` } });
  doc.registerFont('regular', FONT).registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.rect(28, 28, doc.page.width - 56, doc.page.height - 56).lineWidth(2).stroke(GREEN);
  doc.font('bold').fontSize(26).fillColor(GREEN).text('Certificate', { align: 'center' });
  doc.font('regular').fontSize(13).fillColor(GREY).text(certificate.program, { align: 'center' }).moveDown(1.2);
  doc.fillColor('black').fontSize(12).text('This certifies that', { align: 'center' });
  doc.font('bold').fontSize(22).text(certificate.holder, { align: 'center' }).moveDown(0.4);
  const span = r?.started ? `from ${r.started} to ${r.issuedOn}` : `issued ${certificate.issued}`;
  const weeks = r?.weeks ? ` (week ${r.weekReached ?? '—'} of ${r.weeks})` : '';
  doc.font('regular').fontSize(12).text(`was certified in ${certificate.program}, ${span}${weeks}.`, { align: 'center' });

  if (r) {
    heading(doc, 'Hours and supervision');
    doc.font('regular').fontSize(11)
      .text(`Hours logged: ${r.hours.logged} h (the weekly commitments came to ${r.hours.committed} h over the weeks completed).`)
      .text(`Supervision: ${r.supervision.kept} of ${plural(r.supervision.due, 'supervision period')} kept.`);
    heading(doc, 'The five pillars');
    for (const [name, line] of pillarLines(r)) {
      doc.font('bold').fontSize(11).text(`${name}: `, { continued: true }).font('regular').text(line).moveDown(0.25);
    }
  } else {
    doc.moveDown(1).font('regular').fontSize(11).text('This certificate was issued before Trellis kept the details of hours, supervision and the five pillars with it.');
  }

  heading(doc, 'Check this certificate');
  doc.font('regular').fontSize(11).text('Verification code: ', { continued: true }).font('bold').text(formatCode(certificate.code));
  doc.font('regular').text('Anyone can check it at: ', { continued: true }).fillColor(GREEN).text(checkUrl, { link: checkUrl, underline: true }).fillColor('black');
  doc.end();
  return done;
}
