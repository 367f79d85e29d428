import type { AvailabilityWindow, SurveyAnswers } from '../domain.js';
import { DAY_NAMES, sharedDays } from '../people/availability.js';
import type { MentorQuestion } from '../programs/template-care.js';

export interface MentorCandidate {
  enrollmentId: string;
  personId: string;
  displayName: string;
  field: string | null;
  criteria: string[];
  availability: AvailabilityWindow[];
  currentMentees: number;
  /** The mentor's answers to the template's mentor questions (absent when skipped). */
  answers?: Record<string, string>;
}

export interface MenteeProfile {
  survey: SurveyAnswers | null;
  availability: AvailabilityWindow[];
  /** The template's mentor questions, each paired with a survey preference. */
  questions?: MentorQuestion[];
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

/**
 * Stated preferences, weighed only against what the mentor was actually asked: a reason says a
 * preference is met only when the mentor's own answer satisfies it, and says so plainly when the
 * mentor did not answer. Without a paired mentor question a preference is never claimed.
 */
function preferenceScores(mentee: MenteeProfile, c: MentorCandidate): { score: number; reason?: string }[] {
  return (mentee.questions ?? []).map((q) => {
    const wanted = mentee.survey?.[q.pairsWith];
    if (!wanted || wanted === 'no-preference') return { score: 0 };
    const answer = q.choices.find((ch) => ch.key === c.answers?.[q.key]);
    if (!answer) return { score: 0, reason: `has not said (${q.topic})` };
    return answer.satisfies.includes(wanted) ? { score: 2, reason: `meets the stated ${q.topic} preference` } : { score: -3, reason: `does not meet the stated ${q.topic} preference` };
  });
}

/** Ranks eligible mentors for one mentee: field/profession, availability overlap, stated preferences, current load. */
export function rankMentors(mentee: MenteeProfile, candidates: MentorCandidate[]): RankedMentor[] {
  return candidates
    .map((candidate) => {
      const reasons: string[] = [];
      let score = 0;
      for (const part of [fieldScore(mentee, candidate), ...preferenceScores(mentee, candidate)]) {
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
