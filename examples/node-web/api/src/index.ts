// A minimal JSON API: GET /health answers {"ok":true,…}. Postgres and Redis are reached through
// DATABASE_URL and REDIS_URL (see compose.yaml); this example only reports whether they are set.
import { createServer } from 'node:http';
import { health } from './health.js';

const port = Number(process.env['PORT'] ?? '3000');

createServer((req, res) => {
  res.setHeader('content-type', 'application/json');
  if (req.url === '/health') {
    res.end(JSON.stringify(health(process.env)));
    return;
  }
  res.statusCode = 404;
  res.end(JSON.stringify({ error: 'not found' }));
}).listen(port, () => console.log(`api listening on :${port}`));
