import type { Program } from '../domain.js';
import { countsHours } from '../programs/rules.js';

/**
 * The closing words of an ending notice, per side. Hours are mentioned only where the program
 * counts them; the mentee of a program with a release hears that it is rescinded.
 */
export function endingWords(program: Program): { mentor: string; mentee: string } {
  const hours = countsHours(program) ? ' Your hours and history are kept.' : '';
  const release = program.template.releaseOfInformation && program.template.endings?.rescindReleaseOnEnd !== false
    ? ' Your release of information is rescinded: your former mentor no longer sees your first name or phone number.'
    : '';
  return { mentor: hours, mentee: `${hours}${release}` };
}
