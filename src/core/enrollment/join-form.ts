import type { Program, Role } from '../domain.js';
import type { Form, FormInput } from '../messages/model.js';
import { AVAILABILITY_EXAMPLE } from '../people/availability.js';

export const JOIN_FORM = 'join-details';

/** Where the availability answer comes from: the survey's days-times question, or our own input. */
export function availabilityInputId(program: Program, role: Role): string {
  const surveyQuestion = role === 'mentee' ? program.template.goodFitSurvey?.questions.find((q) => q.type === 'days-times') : undefined;
  return surveyQuestion?.key ?? 'availability';
}

function surveyInputs(program: Program): FormInput[] {
  return (program.template.goodFitSurvey?.questions ?? []).map((q): FormInput => {
    if (q.type === 'choice') return { kind: 'choice', id: q.key, label: q.text, choices: (q.choices ?? []).map((c) => ({ value: c.key, label: c.label })) };
    if (q.type === 'days-times') return { kind: 'text', id: q.key, label: q.text, placeholder: AVAILABILITY_EXAMPLE };
    return { kind: 'multiline', id: q.key, label: q.text, optional: !q.usedForMatching, maxLength: 1000 };
  });
}

/** Facts mentees state preferences on, asked of mentors so matching never guesses (each may be skipped). */
function mentorQuestionInputs(program: Program): FormInput[] {
  return (program.template.mentorQuestions ?? []).map((q) => ({ kind: 'choice', id: q.key, label: `${q.text} (used only for matching; you may skip it)`, optional: true, choices: q.choices.map((c) => ({ value: c.key, label: c.label })) }));
}

function eligibilityInputs(program: Program): FormInput[] {
  const eligibility = program.template.eligibility;
  if (!eligibility) return [{ kind: 'text', id: 'field', label: 'Your field or profession', optional: true, maxLength: 200 }];
  return [
    {
      kind: 'choice',
      id: 'criterion',
      label: 'Which of the mentor criteria do you meet? (one is enough)',
      choices: [...eligibility.criteria.map((c) => ({ value: c.key, label: c.text.slice(0, 75) })), { value: 'none', label: 'None of these yet' }],
    },
    { kind: 'text', id: 'field', label: 'Your field or profession', maxLength: 200 },
    { kind: 'choice', id: 'readiness', label: eligibility.alsoRequired.text.slice(0, 150), choices: [{ value: 'yes', label: 'Yes, that is me' }, { value: 'no', label: 'Not right now' }] },
    { kind: 'choice', id: 'expectations', label: 'I have read the mentor expectations and accept them', choices: [{ value: 'agree', label: 'I agree' }, { value: 'disagree', label: 'I do not agree' }] },
    ...mentorQuestionInputs(program),
  ];
}

/** Join-time reflection prompts other than availability (learning goals, questions, support). */
function promptInputs(program: Program): FormInput[] {
  return (program.template.reflectionPrompts ?? [])
    .filter((p) => p.topic !== 'availability')
    .map((p) => ({ kind: 'multiline' as const, id: p.key, label: p.text, optional: true, maxLength: 2000 }));
}

/** The details asked after the commitment checkpoint; what is asked depends on program and role. */
export function joinForm(program: Program, role: Role, enrollmentId: string): Form {
  const availabilityPrompt = program.template.reflectionPrompts?.find((p) => p.topic === 'availability')?.text ?? 'Which days and times can you usually take calls?';
  const inputs: FormInput[] = [];
  if (role === 'mentee' && program.template.goodFitSurvey) inputs.push(...surveyInputs(program));
  else inputs.push({ kind: 'text', id: 'availability', label: availabilityPrompt, placeholder: AVAILABILITY_EXAMPLE, maxLength: 300 });
  if (role === 'mentor') inputs.push(...eligibilityInputs(program));
  if (role === 'mentee') inputs.push(...promptInputs(program));
  const title = role === 'mentee' && program.template.goodFitSurvey ? 'Good-fit survey' : role === 'mentor' ? 'Becoming a mentor' : 'About you';
  return { id: JOIN_FORM, title, submitLabel: 'Join', inputs, context: enrollmentId };
}
