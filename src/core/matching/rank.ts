import type { AvailabilityWindow, SurveyAnswers } from '../domain.js';
import { DAY_NAMES, sharedDays } from '../people/availability.js';

export interface MentorCandidate {
  enrollmentId: string;
  personId: string;
  displayName: string;
  field: string | null;
  criteria: string[];
  availability: AvailabilityWindow[];
  currentMentees: number;
}

export interface MenteeProfile {
  survey: SurveyAnswers | null;
  availability: AvailabilityWindow[];
}

export interface RankedMentor {
  candidate: MentorCandidate;
  score: number;
  /** Why, in words that never quote the mentee's answers (coordinators read these). */
  reasons: string[];
}

const words = (text: string | null | undefined) => new Set((text ?? '').toLowerCase().split(/[^a-z]+/).filter((w) => w.length >= 4));

function fieldScore(mentee: MenteeProfile, c: MentorCandidate): { score: number; reason?: string } {
  const menteeField = words(mentee.survey?.profession);
  const shared = [...words(c.field)].some((w) => menteeField.has(w));
  const preference = mentee.survey?.['mentor-field'];
  if (shared && (preference === 'same-field' || preference === 'similar-field')) return { score: 4, reason: 'same field, as the mentee prefers' };
  if (shared) return { score: 2, reason: 'same field' };
  if (preference === 'same-field') return { score: -2, reason: 'different field from the one the mentee prefers' };
  return { score: 0 };
}

function experienceScore(mentee: MenteeProfile, c: MentorCandidate): { score: number; reason?: string } {
  const wanted = mentee.survey?.['mentor-experience'];
  if (!wanted || wanted === 'no-preference') return { score: 0 };
  return c.criteria.includes('recovery-time') ? { score: 1, reason: 'meets the stated experience preference' } : { score: 0 };
}

/** Ranks eligible mentors for one mentee: field/profession, availability overlap, stated preferences, current load. */
export function rankMentors(mentee: MenteeProfile, candidates: MentorCandidate[]): RankedMentor[] {
  return candidates
    .map((candidate) => {
      const reasons: string[] = [];
      let score = 0;
      for (const part of [fieldScore(mentee, candidate), experienceScore(mentee, candidate)]) {
        score += part.score;
        if (part.reason) reasons.push(part.reason);
      }
      const days = sharedDays(mentee.availability, candidate.availability);
      score += Math.min(days.length, 3);
      reasons.push(days.length ? `available on the same days (${days.map((d) => DAY_NAMES[d]).join(', ')})` : 'no shared availability');
      score -= candidate.currentMentees;
      reasons.push(candidate.currentMentees === 0 ? 'no current mentees' : `${candidate.currentMentees} current mentee${candidate.currentMentees > 1 ? 's' : ''}`);
      return { candidate, score, reasons };
    })
    .sort((a, b) => b.score - a.score || a.candidate.currentMentees - b.candidate.currentMentees || a.candidate.displayName.localeCompare(b.candidate.displayName));
}
