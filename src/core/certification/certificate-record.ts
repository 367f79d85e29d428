// What a certificate attests, written down once when it is issued and kept sealed with it: the
// presentation document (PDF) and the public page are made from this record, so they say what
// was true that day even after the program moves on. Counts and names only, never evidence text.
import { z } from 'zod';
import { localDate } from '../time/local-date.js';
import { allYes, isVerified, type Gap, type PortfolioState } from './portfolio.js';
import type { TraineeRecord } from './record.js';
import { splitStatements, yesCount } from './statements.js';

const ZDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const ZCertificateRecord = z.object({
  version: z.literal(1),
  holder: z.string(),
  program: z.string(),
  started: ZDay.nullable(),
  issuedOn: ZDay,
  weekReached: z.number().int().nullable(),
  weeks: z.number().int().nullable(),
  hours: z.object({ logged: z.number(), committed: z.number() }),
  supervision: z.object({ kept: z.number().int(), due: z.number().int() }),
  pillars: z.object({
    profile: z.object({ verified: z.boolean(), statements: z.number().int(), on: ZDay.nullable() }),
    selfAssessment: z.object({ verified: z.boolean(), statements: z.number().int(), yes: z.number().int(), on: ZDay.nullable() }),
    education: z.object({
      casesVerified: z.number().int(),
      casesRequired: z.number().int(),
      modules: z.array(z.object({ title: z.string(), verified: z.boolean() })),
      modulesRequired: z.number().int(),
    }),
    verification: z.object({ complete: z.boolean(), by: z.string().nullable(), on: ZDay.nullable() }),
  }),
  issuedBy: z.string(),
  /** Issued although something was missing: the coordinator's reason (sealed with the record) and what was missing, by key. */
  override: z.object({ reason: z.string(), missing: z.array(z.string()) }).nullable(),
});
export type CertificateRecord = z.infer<typeof ZCertificateRecord>;

export interface RecordInput {
  holder: string;
  program: string;
  weeks: number | null;
  started: string | null;
  zone: string;
  now: Date;
  state: PortfolioState;
  record: TraineeRecord;
  verifier: string | null;
  issuedBy: string;
  override: { reason: string; gaps: Gap[] } | null;
}

export function buildCertificateRecord(i: RecordInput): CertificateRecord {
  const day = (at: Date | null | undefined) => (at ? localDate(at, i.zone) : null);
  const { state } = i;
  return {
    version: 1,
    holder: i.holder,
    program: i.program,
    started: i.started,
    issuedOn: localDate(i.now, i.zone),
    weekReached: i.record.week,
    weeks: i.weeks,
    hours: { logged: i.record.hoursLogged, committed: i.record.hoursCommitted },
    supervision: { kept: i.record.supervisionKept, due: i.record.supervisionDue },
    pillars: {
      profile: { verified: isVerified(state.contract), statements: splitStatements(state.contract?.body ?? '').length, on: day(isVerified(state.contract) ? state.contract!.verifiedAt : null) },
      selfAssessment: {
        verified: isVerified(state.selfAssessment) && allYes(state),
        statements: state.answers?.entries.length ?? 0,
        yes: state.answers ? yesCount(state.answers) : 0,
        on: day(isVerified(state.selfAssessment) ? state.selfAssessment!.verifiedAt : null),
      },
      education: {
        casesVerified: state.verifiedCases,
        casesRequired: state.required,
        modules: state.modules.map((m) => ({ title: m.module.title, verified: isVerified(m.item) })),
        modulesRequired: state.modulesRequired,
      },
      verification: { complete: !!state.verification, by: state.verification ? i.verifier : null, on: day(state.verification?.verifiedAt) },
    },
    issuedBy: i.issuedBy,
    override: i.override ? { reason: i.override.reason, missing: [...new Set(i.override.gaps.map((g) => g.key))] } : null,
  };
}

export function readCertificateRecord(body: string | null): CertificateRecord | null {
  if (!body) return null;
  try {
    const parsed = ZCertificateRecord.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
