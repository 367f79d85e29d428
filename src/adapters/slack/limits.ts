/**
 * Slack's Block Kit limits that our renderers must stay within. Sources: Slack's docs and its
 * official SDK validators (see test/fixtures/slack/limits.json, copied from the platform fixtures).
 */
export const LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  /** Top-level `text` of a message; Slack truncates past 40,000, 3,000 keeps notifications readable. */
  messageText: 3000,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  callbackId: 255,
  privateMetadata: 3000,
  viewTitle: 24,
  viewSubmit: 24,
  viewClose: 24,
  inputLabel: 2000,
  placeholder: 150,
  inputMaxLength: 3000,
  optionText: 75,
  /** Slack's two SDKs disagree (75 vs 150); 75 is accepted by both. */
  optionValue: 75,
  selectOptions: 100,
  /** A checkbox group holds at most ten options. */
  checkboxOptions: 10,
  optionGroups: 100,
  /** A field's error under a modal input (`response_action: "errors"`): kept short enough to read. */
  fieldError: 2000,
  /** A response_url accepts five messages within 30 minutes. */
  responseUrlUses: 5,
} as const;

/** Cuts text to `max` characters, ending with an ellipsis when it had to cut. */
export function fit(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Splits an array into pieces of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const pieces: T[][] = [];
  for (let i = 0; i < items.length; i += size) pieces.push(items.slice(i, i + size));
  return pieces;
}
