// npm run codes: writes src/core/codes.generated.ts from the runtime registry of issue codes.
import { writeFileSync } from 'node:fs';
import { createJiti } from 'jiti';

const jiti = createJiti(import.meta.url);
const { renderCodesTable } = await jiti.import('./codes-table.ts');
const { allCodes } = await jiti.import('../src/app/app.ts');
const out = new URL('../src/core/codes.generated.ts', import.meta.url);
writeFileSync(out, renderCodesTable(allCodes()));
console.log(`wrote src/core/codes.generated.ts (${allCodes().length} codes)`);
