import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser, type Instruction, type JSONInstruction, type ModifiableInstruction } from 'dockerfile-ast';

/** One instruction as the tests read it: keyword, plain arguments, `--flag=value`s, and the JSON form if any. */
export interface DockerInstruction {
  keyword: string;
  args: string[];
  flags: Record<string, string | null>;
  /** CMD / ENTRYPOINT / HEALTHCHECK CMD in exec (JSON) form; undefined in shell form. */
  json?: string[];
  /** Everything after the keyword, as written (RUN's command line). */
  text: string;
}

export interface DockerStage {
  name: string | null;
  /** The FROM image with build ARG defaults substituted (e.g. node:24-bookworm-slim). */
  image: string;
  instructions: DockerInstruction[];
}

/** The project's Dockerfile, parsed with dockerfile-ast (the parser of VS Code's Docker support) into stages. */
export function readDockerfile(root: string): { stages: DockerStage[]; ignore: string[] } {
  const text = readFileSync(join(root, 'Dockerfile'), 'utf8');
  const parsed = DockerfileParser.parse(text);
  const argDefaults = new Map<string, string>();
  for (const arg of parsed.getInitialARGs()) {
    const property = arg.getProperty();
    if (property?.getValue()) argDefaults.set(property.getName(), property.getValue()!);
  }
  const stages: DockerStage[] = [];
  for (const instruction of parsed.getInstructions()) {
    const keyword = instruction.getKeyword();
    if (keyword === 'FROM') {
      const from = parsed.getFROMs().find((f) => f.getRange().start.line === instruction.getRange().start.line)!;
      const image = (from.getImage() ?? '').replace(/\$\{(\w+)\}|\$(\w+)/g, (_m, a: string | undefined, b: string | undefined) => argDefaults.get((a ?? b)!) ?? '');
      stages.push({ name: from.getBuildStage(), image, instructions: [] });
      continue;
    }
    stages.at(-1)?.instructions.push(describe(instruction));
  }
  const ignore = readFileSync(join(root, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  return { stages, ignore };
}

function describe(instruction: Instruction): DockerInstruction {
  const flags: Record<string, string | null> = {};
  if ('getFlags' in instruction) for (const flag of (instruction as ModifiableInstruction).getFlags()) flags[flag.getName()] = flag.getValue();
  const args = instruction.getArguments().map((a) => a.getValue()).filter((a) => !a.startsWith('--'));
  const json = 'getJSONStrings' in instruction ? (instruction as JSONInstruction).getJSONStrings().map((s) => s.getJSONValue()) : [];
  return { keyword: instruction.getKeyword(), args, flags, ...(json.length > 0 ? { json } : {}), text: instruction.getArgumentsContent() ?? '' };
}
