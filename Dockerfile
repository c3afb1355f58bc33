# Nano Studio, the team deployment: Next.js standalone output on Node 20,
# running as a non-root user. Metadata and pictures live in Postgres and an
# S3-compatible bucket (see compose.yaml), or in /data when those are not set.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN NEXT_OUTPUT=standalone npx next build && scripts/assemble-standalone.sh .next /out

FROM node:20-bookworm-slim
# One malloc arena: libvips threads otherwise each keep freed picture buffers
# (measured in bench/memory.ts: peak RSS 345 MB → 244 MB). A fixed mmap
# threshold: glibc otherwise raises it after the first big free, and later
# multi-MB buffers (results, request bodies) stay in the heap after their free
# (50 × 4K with references: peak 278–317 MB → 261–289 MB).
ENV MALLOC_ARENA_MAX=1 MALLOC_MMAP_THRESHOLD_=131072 NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 PORT=3000 HOSTNAME=0.0.0.0 STUDIO_DATA_DIR=/data
WORKDIR /app
# /data/staging exists in the image so that a volume mounted there (compose.yaml)
# starts out owned by the studio user.
RUN groupadd --system studio && useradd --system --gid studio --home /app studio \
  && mkdir -p /data/staging && chown -R studio:studio /data
COPY --from=build --chown=studio:studio /out ./
USER studio
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "server.js"]
