/**
 * Reading the container files without a Docker engine: the Dockerfile through dockerfile-ast (the
 * parser behind the VS Code Docker extension: line continuations, comments, JSON and shell forms,
 * flags), docker-compose.yml through `yaml` (with `<<` merge keys resolved, as Compose does).
 */
import { readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
import { parse } from 'yaml';

export interface Step {
  keyword: string;
  /** The arguments after the flags, as written (continuations joined). */
  args: string;
  flags: Record<string, string>;
}

export interface Stage {
  name: string | undefined;
  /** `node:20-bookworm-slim` → name `node`, tag `20-bookworm-slim`. */
  image: string;
  tag: string | undefined;
  steps: Step[];
}

export function dockerfileStages(text: string): Stage[] {
  const stages: Stage[] = [];
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const keyword = instruction.getKeyword();
    const flags = Object.fromEntries(('getFlags' in instruction ? (instruction as unknown as { getFlags(): { getName(): string; getValue(): string | null }[] }).getFlags() : []).map((f) => [f.getName(), f.getValue() ?? '']));
    if (keyword === 'FROM') {
      const from = instruction as unknown as { getImageName(): string | null; getImageTag(): string | null; getBuildStage(): string | null };
      stages.push({ name: from.getBuildStage() ?? undefined, image: from.getImageName() ?? '', tag: from.getImageTag() ?? undefined, steps: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`${keyword} before the first FROM`);
    stage.steps.push({ keyword, args: instruction.getArgumentsContent() ?? '', flags });
  }
  return stages;
}

/** The command a RUN, CMD, ENTRYPOINT or HEALTHCHECK runs: the JSON (exec) form as is, the shell form through `sh -c`. */
export function commandOf(step: Step): string[] {
  const args = step.keyword === 'HEALTHCHECK' ? step.args.replace(/^CMD\s+/i, '') : step.args;
  return args.trim().startsWith('[') ? (JSON.parse(args) as string[]) : ['/bin/sh', '-c', args];
}

export interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  entrypoint?: string | string[];
  volumes?: (string | { type?: string; source?: string; target?: string })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { disable?: boolean; test?: unknown };
  restart?: string;
  environment?: Record<string, string> | string[];
}

export function composeServices(text: string): Record<string, ComposeService> {
  return (parse(text, { merge: true }) as { services: Record<string, ComposeService> }).services;
}

export const readRepoFile = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
