// What anyone may learn from a certificate code — valid or not, the holder's name, the program,
// the date — and, for the holder's signed PDF, the record it was issued with. A certificate whose
// holder has withdrawn is not valid any more; to the public that looks exactly like an unknown code.
import type { Store } from '../ports/repositories.js';
import { formatLocalDate } from '../time/local-date.js';
import { readCertificateRecord, type CertificateRecord } from './certificate-record.js';

export interface PublicCertificate {
  code: string;
  holder: string;
  program: string;
  /** The issue date as the holder's calendar showed it, e.g. "Mon 2 Mar 2026". */
  issued: string;
  issuedAt: Date;
  /** Null for certificates issued before records were kept. */
  record: CertificateRecord | null;
}

export async function findValidCertificate(store: Pick<Store, 'certification' | 'enrollments' | 'people' | 'programs'>, code: string): Promise<PublicCertificate | null> {
  const certificate = await store.certification.findByVerificationCode(code);
  const enrollment = certificate && (await store.enrollments.get(certificate.enrollmentId));
  const [holder, program] = enrollment ? await Promise.all([store.people.get(enrollment.personId), store.programs.get(enrollment.programId)]) : [null, null];
  if (!certificate || !holder || !program || holder.withdrawnAt || !certificate.verifiedAt) return null;
  const record = readCertificateRecord(certificate.body);
  return {
    code,
    holder: record?.holder ?? holder.displayName,
    program: record?.program ?? program.name,
    issued: formatLocalDate(certificate.verifiedAt, holder.timeZone),
    issuedAt: certificate.verifiedAt,
    record,
  };
}
