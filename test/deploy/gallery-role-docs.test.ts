/**
 * Whoever sets GalleryOps up by hand reads the custom role in manifest/README.md; azd up uses
 * infra/gallery-operator-role.json. The two must grant the same operations, or one of them fails in Azure.
 */
import { readFileSync } from 'node:fs';
import { projectPath } from '../../src/project-root';

test('the custom role in manifest/README.md grants exactly what infra/gallery-operator-role.json grants', () => {
  const infra = JSON.parse(readFileSync(projectPath('infra', 'gallery-operator-role.json'), 'utf8')) as { roleName: string; actions: string[] };
  const page = readFileSync(projectPath('manifest', 'README.md'), 'utf8');
  const block = [...page.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as { Name?: string; Actions?: string[] }).find((b) => b.Name === infra.roleName);
  expect(block).toBeDefined();
  expect([...block!.Actions!].sort()).toEqual([...infra.actions].sort());
});
