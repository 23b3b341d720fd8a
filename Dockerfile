# The worker image: Node 20, the project and its runtime dependencies; configuration by
# environment only (see README "Configuration"). The same image runs the CLI:
#   docker compose run --rm worker node_modules/.bin/tsx scripts/cli.ts runs list
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# tsx (runs the TypeScript) is a runtime dependency; dev tools (jest, tsc, swc for jest) are not needed.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY . .
# Reports (OUT_DIR) and local state (DATA_DIR) are the only paths the process writes.
RUN mkdir -p /app/out /app/.data && chown node:node /app/out /app/.data
USER node
# tsx directly (not npx): SIGTERM reaches the worker, which drains its tasks before exiting.
CMD ["node_modules/.bin/tsx", "worker/main.ts"]
