/**
 * Discord's documented limits (discord-api-docs; the sources are listed in
 * test/fixtures/discord/limits.json, and a test checks these numbers against that file).
 * A request over any of them is a 400, so the renderers split, paginate or truncate first.
 */
export const LIMITS = {
  content: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  customId: 100,
  buttonLabel: 80,
  selectOptions: 25,
  selectPlaceholder: 150,
  selectOption: 100,
  modalTitle: 45,
  modalComponents: 5,
  labelText: 45,
  labelDescription: 100,
  textInputMax: 4000,
  textInputPlaceholder: 100,
  commandName: 32,
  commandDescription: 100,
  commandOptions: 25,
  choices: 25,
  choiceName: 100,
  commandTotalChars: 8000,
  stringOptionLength: 6000,
  autocompleteChoices: 25,
  tokenMinutes: 15,
} as const;

/** Interaction types and callback types (receiving-and-responding.mdx). */
export const InteractionKind = { Ping: 1, Command: 2, Component: 3, Autocomplete: 4, ModalSubmit: 5 } as const;
export const Callback = { Pong: 1, Message: 4, DeferredMessage: 5, DeferredUpdateMessage: 6, UpdateMessage: 7, AutocompleteResult: 8, Modal: 9 } as const;
export const EPHEMERAL = 64;

/** Cuts text to `max` characters, marking the cut with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}
