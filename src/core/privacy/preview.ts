// Lock screens and push notifications show a message's preview to anyone nearby. Everything sent
// to someone carries the neutral wording their program's template sets — never its clinical
// name or what it is for. Someone in several programs with different wordings gets the default.
import type { Outbound } from '../messages/model.js';
import type { Store } from '../ports/repositories.js';
import { DEFAULT_NOTIFICATION_PREVIEW } from '../programs/template-care.js';

async function previewsOfPrograms(store: Store, programIds: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const id of new Set(programIds)) {
    const program = await store.programs.get(id);
    if (program) out.add(program.template.notificationPreview ?? DEFAULT_NOTIFICATION_PREVIEW);
  }
  return out;
}

const single = (s: Set<string>) => (s.size === 1 ? [...s][0]! : DEFAULT_NOTIFICATION_PREVIEW);

/** Sets `preview` on every outbound message that has none. */
export async function withPreviews(store: Store, workspaceId: string, outbound: Outbound[]): Promise<Outbound[]> {
  if (outbound.length === 0) return outbound;
  const byPerson = new Map<string, string>();
  let forChannels: string | undefined;
  const result: Outbound[] = [];
  for (const item of outbound) {
    if (item.message.preview) { result.push(item); continue; }
    let preview: string;
    if (item.to.kind === 'person') {
      const personId = item.to.personId;
      if (!byPerson.has(personId)) {
        const enrollments = (await store.enrollments.listForPerson(personId)).filter((e) => e.status !== 'withdrawn' && e.status !== 'declined');
        byPerson.set(personId, single(await previewsOfPrograms(store, enrollments.map((e) => e.programId))));
      }
      preview = byPerson.get(personId)!;
    } else {
      forChannels ??= single(await previewsOfPrograms(store, (await store.programs.listByWorkspace(workspaceId)).map((p) => p.id)));
      preview = forChannels;
    }
    result.push({ ...item, message: { ...item.message, preview } });
  }
  return result;
}
