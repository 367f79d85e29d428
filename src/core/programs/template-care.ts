// Template parts that decide how a program treats people's privacy and wellbeing: which call
// kinds it offers, its crisis resources, the neutral wording of notification previews, how long
// private notes stay after it ends, peer referrals, and the mentor questions that matching pairs
// with the mentees' stated preferences. Kept apart from template-schema.ts to keep both small.
import { z } from 'zod';

const ZKey = z.string().regex(/^[a-z0-9]+(?:[-_][a-z0-9]+)*$/, 'must be lower-case letters/digits joined by - or _');
const ZText = z.string().trim().min(1, 'must not be empty');

/** Every kind of call Trellis can store (the database enum); a template offers some of them. */
export const ALL_CALL_KINDS = ['supervision', 'observation', 'co_facilitation', 'independent', 'first_call', 'check_in', 'peer', 'phone', 'face_to_face', 'message'] as const;
export const ZCallKind = z.enum(ALL_CALL_KINDS);

export const ZCalls = z.strictObject({
  kinds: z.array(ZCallKind).min(1, 'needs at least one kind'),
  /** The first call records whether an in-person meeting was arranged (and when), for the pair only. */
  firstCallAsksAboutMeeting: z.boolean().default(false),
});
export type CallsSettings = z.infer<typeof ZCalls>;

export const ZCrisisResources = z.strictObject({
  text: ZText,
  contacts: z.array(z.strictObject({ label: ZText, number: ZText })).default([]),
});
export type CrisisResources = z.infer<typeof ZCrisisResources>;

/** A peer referral: a willing participant releases a first name and phone to one requester. */
export const ZPeerReferral = z.strictObject({
  purpose: ZText,
  text: ZText,
  wordingVersion: ZText,
  defaultExpiryDays: z.number().int().positive('must be > 0'),
});
export type PeerReferralSettings = z.infer<typeof ZPeerReferral>;

/**
 * A question mentors answer so that a mentee's preference can be honoured: `pairsWith` names the
 * good-fit survey question, and each answer lists the mentee choices it satisfies.
 */
export const ZMentorQuestion = z.strictObject({
  key: ZKey,
  pairsWith: ZKey,
  text: ZText,
  /** How a suggestion's reason names it, e.g. "gender" or "years of recovery". */
  topic: ZText,
  choices: z.array(z.strictObject({ key: ZKey, label: ZText, satisfies: z.array(ZKey).default([]) })).min(1),
});
export type MentorQuestion = z.infer<typeof ZMentorQuestion>;

// Lock screens show previews to anyone nearby: the default says nothing about what it is for.
export const DEFAULT_NOTIFICATION_PREVIEW = 'You have a new message.';
const REVEALING = /recovery|addict|sober|substance|rehab/i;

export const ZNotificationPreview = ZText.max(120, 'must be at most 120 characters').refine((t) => !REVEALING.test(t), 'must not name recovery, addiction or what the program is for');

export const careShape = {
  calls: ZCalls.optional(),
  crisisResources: ZCrisisResources.optional(),
  notificationPreview: ZNotificationPreview.default(DEFAULT_NOTIFICATION_PREVIEW),
  /** Days private notes and journals are kept after a person's program ends; a daily job erases older ones. */
  privateNotesRetentionDays: z.number().int().positive('must be > 0').optional(),
  peerReferral: ZPeerReferral.optional(),
  mentorQuestions: z.array(ZMentorQuestion).optional(),
};
