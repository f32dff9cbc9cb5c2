// Builds the static site: copies src/ into dist/ and stamps the build time into index.html.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

mkdirSync('dist', { recursive: true });
cpSync('src', 'dist', { recursive: true });
const html = readFileSync('dist/index.html', 'utf8').replace('%BUILT_AT%', new Date().toISOString());
writeFileSync('dist/index.html', html);
