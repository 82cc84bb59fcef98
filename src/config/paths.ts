import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root folder, wherever newsbot runs from (dist/config/ or src/config/ → root). */
export const PACKAGE_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

/** Topic files shipped with newsbot. */
export const BUNDLED_TOPICS_DIR = join(PACKAGE_ROOT, 'config', 'topics');
