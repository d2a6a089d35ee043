import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const schemasDir = join(repoRoot, 'schemas');
export const sharedDir = process.env.KUBEPLAN_SHARED ?? join(repoRoot, '..', 'shared');
export const hasShared = existsSync(join(sharedDir, 'corpus'));
/** Tests that read ../shared skip with this message when it is absent (a user's fresh clone). */
export const sharedSkip = hasShared ? false : `needs ${sharedDir} (corpus, vectors, OpenAPI documents), absent here`;
export const cli = join(repoRoot, 'dist', 'cli.js');
export const server = join(repoRoot, 'dist', 'server.js');
