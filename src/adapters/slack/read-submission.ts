import { z } from 'zod';
import { FORM_CALLBACK_PREFIX, ZModalMetadata, type ModalMetadata } from './render-modal.js';

/** One element's state in `view.state.values`, as Slack sends it for the inputs we render. */
const ZInputState = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  /** Checkboxes and multi-selects: every option ticked. */
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_date: z.string().nullish(),
});

export const ZSubmittedView = z.object({
  callback_id: z.string(),
  private_metadata: z.string().optional().default(''),
  state: z.object({ values: z.record(z.string(), z.record(z.string(), ZInputState)) }),
});

export interface Submission {
  formId: string;
  values: Record<string, string>;
  metadata: ModalMetadata;
}

function parseMetadata(raw: string): ModalMetadata {
  if (!raw) return {};
  try {
    return ZModalMetadata.parse(JSON.parse(raw));
  } catch {
    return {};
  }
}

/** Reads a submitted modal back into the core's form values (empty optional inputs are left out). */
export function readSubmission(view: unknown): Submission {
  const parsed = ZSubmittedView.parse(view);
  const metadata = parseMetadata(parsed.private_metadata);
  const values: Record<string, string> = {};
  for (const [blockId, elements] of Object.entries(parsed.state.values)) {
    for (const state of Object.values(elements)) {
      const original = (raw: string) => {
        const long = /^~(\d+)$/.exec(raw);
        return long ? (metadata.longChoices?.[blockId]?.[Number(long[1])] ?? raw) : raw;
      };
      // Several ticked options reach the core as one value, joined by commas (the form model's rule).
      const raw = state.selected_options ? state.selected_options.map((o) => original(o.value)).join(',') : (state.value ?? state.selected_option?.value ?? state.selected_date ?? null);
      if (raw === null || raw === '') continue;
      values[blockId] = state.selected_options ? raw : original(raw);
    }
  }
  return { formId: parsed.callback_id.slice(FORM_CALLBACK_PREFIX.length), values, metadata };
}
