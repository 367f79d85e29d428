// The one list of encrypted places, and how each is sealed: every value is bound to its table,
// column and row (AES-GCM associated data), so a ciphertext copied to another row or column no
// longer opens. The release step (src/store/db/rebind.ts) walks the same list.
import type { Cipher } from '../../security/crypto.js';

/**
 * Each encrypted column and the column that names its row: `id`, except 1:1 tables written by
 * upsert (their enrollment id is unique and known before the write) and PlannedNudge (its key).
 * `json`: the value sits at that key inside a JSON column.
 */
export const SEALED_COLUMNS = [
  { table: 'Workspace', column: 'installationEnc', rowKey: 'id' },
  { table: 'Person', column: 'firstNameEnc', rowKey: 'id' },
  { table: 'Person', column: 'phoneEnc', rowKey: 'id' },
  { table: 'MentorEligibility', column: 'answersEnc', rowKey: 'enrollmentId' },
  { table: 'MentorEligibility', column: 'criteriaEnc', rowKey: 'enrollmentId' },
  { table: 'MentorEligibility', column: 'fieldEnc', rowKey: 'enrollmentId' },
  { table: 'SurveyResponse', column: 'answersEnc', rowKey: 'enrollmentId' },
  { table: 'CallLog', column: 'notesEnc', rowKey: 'id' },
  { table: 'Reflection', column: 'answerEnc', rowKey: 'id' },
  { table: 'SessionLog', column: 'notesEnc', rowKey: 'id' },
  { table: 'CertificationItem', column: 'titleEnc', rowKey: 'id' },
  { table: 'CertificationItem', column: 'bodyEnc', rowKey: 'id' },
  { table: 'CertificationItem', column: 'reviewNoteEnc', rowKey: 'id' },
  { table: 'CohortMeeting', column: 'titleEnc', rowKey: 'id' },
  { table: 'PeerReferral', column: 'firstNameEnc', rowKey: 'id' },
  { table: 'PeerReferral', column: 'phoneEnc', rowKey: 'id' },
  { table: 'EvaluationResponse', column: 'answers', json: 'commentEnc', rowKey: 'id' },
  { table: 'PlannedNudge', column: 'refs', json: 'sealed', rowKey: 'key' },
  { table: 'InboundRequest', column: 'payloadEnc', rowKey: 'id' },
] as const;

type Place = (typeof SEALED_COLUMNS)[number];
type Table = Place['table'];
type Column<T extends Table> = Extract<Place, { table: T }>['column'];

/** Seals and opens one column's values; `rowId` is the row's key as listed above. */
export function sealedColumn<T extends Table>(cipher: Cipher, table: T, column: Column<T>) {
  const place = (rowId: string) => ({ table, column, rowId });
  return {
    seal: (rowId: string, plain: string): string => cipher.encrypt(plain, place(rowId)),
    open: (rowId: string, sealed: string): string => cipher.decrypt(sealed, place(rowId)),
    sealOrNull: (rowId: string, plain: string | null): string | null => (plain === null ? null : cipher.encrypt(plain, place(rowId))),
    openOrNull: (rowId: string, sealed: string | null): string | null => (sealed === null ? null : cipher.decrypt(sealed, place(rowId))),
  };
}
