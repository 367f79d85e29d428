// The evaluation asks how the program runs — matching, reminders, logging, reaching a
// coordinator — and never how anyone experienced their mentor or mentee: the program stepped
// back after the match and takes no reports on the relationship.
export interface RatingQuestion {
  key: string;
  label: string;
}

export const RATING_QUESTIONS: readonly RatingQuestion[] = [
  { key: 'matching', label: 'How well did the matching process work?' },
  { key: 'reminders', label: 'How useful were the reminders?' },
  { key: 'logging', label: 'How easy was it to log calls and reflections?' },
  { key: 'coordination', label: 'How easy was it to reach a coordinator when you needed one?' },
];

export const COMMENT_KEY = 'improve';
export const COMMENT_LABEL = 'What would improve how the program runs? (optional; please leave out names)';
export const MAX_COMMENT = 1000;

export const RATINGS = [1, 2, 3, 4, 5] as const;
export const RATING_LABELS: Record<number, string> = { 1: '1 — poorly', 2: '2', 3: '3 — so-so', 4: '4', 5: '5 — very well' };
