/** A small project used by the CLI test and the docs example of `devstack import`. */
export const DOCKERFILE = `# syntax=docker/dockerfile:1
# build the app
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
RUN npm run build

FROM node:22-slim
COPY --from=build /app/dist ./dist
USER node
HEALTHCHECK --interval=10s CMD ["node", "-e", "process.exit(0)"]
CMD ["node", "dist/index.js"]
`;
export const COMPOSE = `services:
  # the database
  db:
    image: postgres:17-alpine
    environment:
      POSTGRES_PASSWORD: \${POSTGRES_PASSWORD:?set it in .env}
    healthcheck:
      test: [CMD, pg_isready]
      interval: 10s
  api:
    build:
      context: ./api
      dockerfile: Dockerfile
      target: build
    depends_on:
      db:
        condition: service_healthy
`;
export const OVERRIDE = `services:
  api:
    ports:
      - "3000:3000"
`;
export const WORKFLOW = `name: CI
on:
  push:
    branches: [main]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 22
      # run the tests
      - run: npm test
`;

/** The project's files by path. */
export const PROJECT: Readonly<Record<string, string>> = {
  'api/Dockerfile': DOCKERFILE,
  'api/.dockerignore': 'node_modules\n# logs\n*.log\n',
  'compose.yaml': COMPOSE,
  'compose.override.yaml': OVERRIDE,
  '.github/workflows/ci.yml': WORKFLOW,
};
