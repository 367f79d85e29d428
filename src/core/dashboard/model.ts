// The coordinator dashboard as plain numbers: the web process draws each chart and prints the
// same numbers as a table. Everything here is a count over a group of at least MIN_GROUP people.

export interface Chart {
  id: string;
  title: string;
  /** One sentence under the title: what is counted, and over whom. */
  note: string;
  /** Series names, e.g. ['kept', 'expected']: one table column and one bar colour each. */
  series: string[];
  rows: { label: string; values: number[] }[];
  /** Set instead of rows when the group is too small, or the program may not know it. */
  withheld?: string;
}

export interface Dashboard {
  programName: string;
  templateName: string;
  /** The program steps back after the match: only what it may know is shown. */
  stepsBack: boolean;
  generatedAt: Date;
  charts: Chart[];
}

export const MIN_GROUP = 5;

export const tooSmall = (what: string, n: number): string =>
  `Shown once at least ${MIN_GROUP} ${what} count here (now ${n}), so that no one can be picked out.`;

export function chart(c: Omit<Chart, 'withheld'>, groupSize: number, groupWord: string): Chart {
  return groupSize < MIN_GROUP ? { ...c, rows: [], withheld: tooSmall(groupWord, groupSize) } : c;
}
