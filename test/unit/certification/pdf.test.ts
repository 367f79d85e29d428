import { describe, expect, it } from 'vitest';
import { ZCertificateRecord, type CertificateRecord } from '../../../src/core/certification/certificate-record.js';
import { certificatePdf } from '../../../src/certificates/pdf.js';
import { pdfText } from '../../support/pdf-text.js';

const record: CertificateRecord = ZCertificateRecord.parse({
  version: 1, holder: 'Zoë Łukasiewicz-Ngũgĩ', program: 'Interventionist certification mentorship', started: '2026-03-02', issuedOn: '2026-11-20', weekReached: 38, weeks: 40,
  hours: { logged: 84.5, committed: 91 }, supervision: { kept: 21, due: 22 },
  pillars: {
    profile: { verified: true, statements: 3, on: '2026-03-20' },
    selfAssessment: { verified: true, statements: 3, yes: 3, on: '2026-10-02' },
    education: { casesVerified: 10, casesRequired: 10, modules: [{ title: 'Advanced training: ethics and accountability', verified: true }], modulesRequired: 1 },
    verification: { complete: true, by: 'Mo', on: '2026-11-02' },
  },
  issuedBy: 'Cora', override: null,
});
const certificate = { code: '7K3QDM9X2P', holder: record.holder, program: record.program, issued: 'Fri 20 Nov 2026', issuedAt: new Date('2026-11-20T15:00:00Z'), record };

describe('the certificate PDF', () => {
  it('reads back: holder (in any script), program, dates, hours and supervision, the five pillars, the code and where to check it', async () => {
    const bytes = await certificatePdf({ certificate, checkUrl: 'https://trellis.example.org/certificates/7K3QD-M9X2P' });
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, pages } = await pdfText(bytes);
    const flat = text.replace(/\s+/g, ' ');
    expect(pages).toBe(1);
    expect(flat).toContain('Zoë Łukasiewicz-Ngũgĩ');
    expect(flat).toContain('Interventionist certification mentorship');
    expect(flat).toContain('from 2026-03-02 to 2026-11-20 (week 38 of 40)');
    expect(flat).toContain('Hours logged: 84.5 h');
    expect(flat).toContain('Supervision: 21 of 22 supervision periods kept');
    for (const pillar of ['Profile:', 'Self-assessment:', 'Education:', 'Verification:', 'Certification:']) expect(flat).toContain(pillar);
    expect(flat).toContain('Learning contract of 3 action-outcome statements, verified on 2026-03-20');
    expect(flat).toContain('10 of 10 case records verified');
    expect(flat).toContain('All evidence confirmed by Mo on 2026-11-02');
    expect(flat).toContain('Verification code: 7K3QD-M9X2P');
    expect(flat).toContain('https://trellis.example.org/certificates/7K3QD-M9X2P');
  });

  it('says so plainly when the certificate was issued by override', async () => {
    const overridden = { ...record, override: { reason: 'REASON-SECRET external review', missing: ['hours'] }, pillars: { ...record.pillars, verification: { complete: false, by: null, on: null } } };
    const flat = (await pdfText(await certificatePdf({ certificate: { ...certificate, record: overridden }, checkUrl: 'https://x.example/c' }))).text.replace(/\s+/g, ' ');
    expect(flat).toContain('by the coordinator’s decision although not every requirement was met');
    expect(flat).toContain('Not every piece of evidence was confirmed by the mentor at issue');
    expect(flat).not.toContain('REASON-SECRET');
  });
});
