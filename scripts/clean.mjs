// `npm run build`'s first step: an empty dist/, so that nothing a past build or an abandoned source
// file left there is tested or packed.

import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

rmSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'dist'), { recursive: true, force: true });
