# SIB AI: the production build of the README ("npm ci", "npm run build", "npm start"), nothing more.
# Build: docker build -t sib-ai .   Run one instance with the embedded database on a volume:
#   docker run -p 3000:3000 -v sib-data:/data -e NEXTAUTH_SECRET=… sib-ai
# Several instances: compose.yaml (PostgreSQL and Redis shared).

FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
# npm ci's postinstall generates the Prisma client from the schema, so it comes first.
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000 DATA_DIR=/data LOG_FORMAT=json NEXT_TELEMETRY_DISABLED=1
COPY --from=build --chown=node:node /app /app
# The embedded PostgreSQL (no DATABASE_URL) keeps its data here; it refuses to run as root.
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["npm", "start"]
