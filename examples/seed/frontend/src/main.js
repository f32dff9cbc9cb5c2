// The seed frontend: shows whether the API answers its health check.
import { statusText } from './status.js';

const api = import.meta.env.VITE_API_URL ?? 'http://localhost:8000';
const el = document.querySelector('#status');

fetch(`${api}/health`)
  .then((r) => r.json())
  .then((body) => (el.textContent = statusText(body)))
  .catch(() => (el.textContent = statusText(null)));
