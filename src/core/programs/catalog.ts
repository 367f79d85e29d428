import type { ProgramTemplate } from './template-schema.js';

/** The templates a coordinator can start a program from. */
export interface TemplateCatalog {
  get(id: string): ProgramTemplate | undefined;
  list(): ProgramTemplate[];
}

export function createTemplateCatalog(templates: ProgramTemplate[]): TemplateCatalog {
  const byId = new Map(templates.map((t) => [t.id, t]));
  return { get: (id) => byId.get(id), list: () => [...byId.values()] };
}
