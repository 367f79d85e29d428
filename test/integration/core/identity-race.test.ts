import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Services } from '../../../src/app/services.js';
import { uniqueName } from '../../support/db.js';
import { createTestServices } from '../../support/services.js';

let services: Services;
beforeAll(async () => {
  services = await createTestServices();
});
afterAll(() => services.close());

it("resolves many people's first commands at once in a brand-new workspace without an error", async () => {
  const workspace = uniqueName('race');
  const handles = Array.from({ length: 12 }, (_, i) => `p${i % 6}`); // each person twice, all at once
  const replies = await Promise.all(
    handles.map((handle) =>
      services.trellis.handle(
        { platform: 'slack', workspaceExternalId: workspace, workspaceName: 'Race', externalUserId: handle, handle, displayName: handle },
        { kind: 'command', text: 'help' },
      ),
    ),
  );
  expect(replies.map((r) => r.reply.message?.text.slice(0, 17))).toEqual(handles.map(() => "Trellis commands:"));
  const ws = await services.prisma.workspace.findMany({ where: { externalId: workspace } });
  expect(ws).toHaveLength(1);
  expect(await services.prisma.identity.count({ where: { workspaceId: ws[0]!.id } })).toBe(6);
  expect(await services.prisma.person.count({ where: { identities: { some: { workspaceId: ws[0]!.id } } } })).toBe(6);
});
