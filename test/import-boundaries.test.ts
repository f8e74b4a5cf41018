import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';

// The architecture's edges (../shared/guide/architecture.md), checked on every import, type-only ones included:
// a later move off the archived Bot Framework SDK, or to another ARM client, must stay an adapter swap.
const root = join(__dirname, '..');
const srcDir = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports (static, dynamic and `import type`). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

const files = sourceFiles(srcDir).map((path) => ({ path: relative(root, path).split(sep).join('/'), imports: importsOf(path) }));

/** `file` imports a module matching `module` from outside the folders allowed to. */
function offenders(module: RegExp, allowedUnder: string[]): string[] {
  return files
    .filter((f) => !allowedUnder.some((folder) => f.path.startsWith(folder)))
    .flatMap((f) => f.imports.filter((i) => module.test(i)).map((i) => `${f.path} imports ${i}`));
}

describe('import boundaries', () => {
  it('finds the project files and their imports (the checks below would pass vacuously otherwise)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.find((f) => f.path === 'src/teams/create-adapter.ts')?.imports).toContain('botbuilder');
  });

  it('imports botbuilder only under src/teams/', () => {
    expect(offenders(/^(botbuilder|botframework-)/, ['src/teams/'])).toEqual([]);
  });

  it('imports the ARM SDKs only in the ARM adapter (src/gallery/arm/)', () => {
    expect(offenders(/^@azure\/arm-/, ['src/gallery/arm/'])).toEqual([]);
  });

  it('reads process.env only in src/config.ts (a child process may be handed the whole environment)', () => {
    // `{ ...process.env, X: … }` gives a started program (emulator, chat client) its environment; reading or
    // writing one variable anywhere else would be a setting config.ts does not validate or document.
    const uses = files
      .filter((f) => f.path !== 'src/config.ts')
      .flatMap((f) => readFileSync(join(root, f.path), 'utf8').split('\n').map((line, i) => ({ where: `${f.path}:${i + 1}`, line })))
      .filter(({ line }) => /process\.env\b/.test(line.replace(/\.\.\.process\.env\b(?!\s*[.[])/g, '')));
    expect(uses.map(({ where, line }) => `${where}: ${line.trim()}`)).toEqual([]);
  });

  it('keeps the card layer free of command code: src/cards/ never imports src/commands/', () => {
    const cards = files.filter((f) => f.path.startsWith('src/cards/'));
    expect(cards.length).toBeGreaterThan(20);
    expect(cards.flatMap((f) => f.imports.filter((i) => /(^|\/)commands\//.test(i)).map((i) => `${f.path} imports ${i}`))).toEqual([]);
  });
});
