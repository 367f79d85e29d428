/**
 * The addresses Trellis hands out, all under TRELLIS_PUBLIC_URL. Made outside the core (they need
 * the server's key and randomness); the web process checks them the same way.
 */
export interface PublicLinks {
  /** "Add to calendar" for one cohort meeting: an .ics that updates when the meeting moves or is cancelled. */
  meetingInvite(meetingId: string): string;
  /** A fresh random seed for a person's feed (stored; the address is derived from it with the server's key). */
  newFeedSeed(): string;
  /** The private feed address for a seed, and the SHA-256 of its token (what the store looks up). */
  feed(seed: string): { url: string; tokenHash: string };
  /** A signed, short-lived address of one program's dashboard for one coordinator. */
  dashboard(programId: string, personId: string, now: Date): { url: string; expiresAt: Date };
  /** The public page where anyone can check a certificate code (canonical form): valid or not, holder, program, date. */
  certificatePage(code: string): string;
  /** The holder's own address of their certificate as a PDF: signed, so the code alone does not open it. */
  certificatePdf(code: string): string;
}
