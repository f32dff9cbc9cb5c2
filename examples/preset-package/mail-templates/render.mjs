// Renders every template in templates/ with its sample data from samples.json into dist/: one page
// per template, an index that lists them, and the page's script. Plain Node.js, no dependencies
// (the Dockerfile's `render` stage runs it; `node render.mjs` does the same on your machine).
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

const samples = JSON.parse(readFileSync('samples.json', 'utf8'));
const escape = (value) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const names = readdirSync('templates')
  .filter((f) => f.endsWith('.html'))
  .map((f) => f.slice(0, -'.html'.length))
  .sort();
if (names.length === 0) throw new Error('templates/ holds no .html template');

mkdirSync('dist', { recursive: true });
for (const name of names) {
  const data = samples[name] ?? {};
  const html = readFileSync(`templates/${name}.html`, 'utf8').replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key) => {
    if (!(key in data)) throw new Error(`templates/${name}.html uses {{${key}}}, which samples.json gives no value for under "${name}"`);
    return escape(data[key]);
  });
  writeFileSync(`dist/${name}.html`, html);
}

const items = names.map((n) => `      <li><a href="${n}.html" target="preview">${escape(n)}</a></li>`).join('\n');
writeFileSync(
  'dist/index.html',
  `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>Mail templates</title>
    <style>body { display: flex; margin: 0; font-family: sans-serif } nav { padding: 1rem } iframe { flex: 1; height: 100vh; border: 0 }</style>
  </head>
  <body>
    <nav>
      <h1>Mail templates</h1>
      <ul>
${items}
      </ul>
    </nav>
    <iframe name="preview" src="${names[0]}.html"></iframe>
    <script src="app.js"></script>
  </body>
</html>
`,
);
copyFileSync('app.js', 'dist/app.js');
console.log(`rendered ${names.length} templates into dist/`);
