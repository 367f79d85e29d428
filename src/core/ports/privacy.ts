// Ports for two privacy capabilities: peer referrals (a willing participant's release to one
// requester) and a person's withdrawal with their data. Implemented in src/store.
import type { Contact, PeerReferral } from '../domain.js';

export interface PeerReferralRepository {
  create(input: { programId: string; requesterPersonId: string; requestedAt: Date }): Promise<PeerReferral>;
  get(referralId: string): Promise<PeerReferral | null>;
  /**
   * Referrals still open at `now` where the person is the requester or the volunteer: asked
   * for, waiting for a volunteer's answer, or released and not expired. `programId` narrows it.
   */
  listOpen(personId: string, now: Date, programId?: string): Promise<PeerReferral[]>;
  /** The coordinator found a willing participant; they are asked. */
  ask(referralId: string, volunteerPersonId: string, at: Date): Promise<PeerReferral>;
  /** The volunteer said no: back to waiting for someone else. */
  unask(referralId: string): Promise<PeerReferral>;
  /** The volunteer's signed release: contact sealed on the referral, purpose, wording and expiry recorded. */
  release(referralId: string, input: { contact: { firstName: string; phone: string }; purpose: string; wordingVersion: string; signedAt: Date; expiresAt: Date }): Promise<PeerReferral>;
  /** Closes it at once and erases the contact it held. */
  withdraw(referralId: string, byPersonId: string, at: Date): Promise<PeerReferral>;
  /** The volunteer's first name and phone, only while the release is in force at `now`. */
  contactInForce(referralId: string, now: Date): Promise<Contact | null>;
}

/** What a withdrawal erased, as counts only (the audit record keeps these, never content). */
export interface ErasureCounts {
  reflections: number;
  callNotes: number;
  /** Session-framework logs whose private notes were erased (their session, day and length stay). */
  sessionNotes: number;
  surveys: number;
  eligibility: number;
  portfolioItems: number;
  referralContacts: number;
  nudgesCancelled: number;
  messagesErased: number;
}

export interface PrivacyRepository {
  /** Releases of information in force where the person grants or receives; revoked at `at`. Returns their ids. */
  revokeReleases(personId: string, at: Date): Promise<{ consentId: string; matchId: string }[]>;
  /**
   * Irreversibly erases the person's private data in every program (contact, availability,
   * journal, call and session notes, good-fit survey, eligibility and mentor answers, portfolio text, any
   * referral contact), cancels their planned nudges and erases the messages waiting for them,
   * and marks them and their enrollments withdrawn.
   */
  erasePerson(personId: string, at: Date): Promise<ErasureCounts>;
}
