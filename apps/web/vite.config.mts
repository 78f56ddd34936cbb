import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The console and the other browser surfaces: built into dist/web (the control plane serves it at `/`), or run
// alone with `npm run dev:web` against a running stack (`npm start`), whose API and admission nodes it proxies.
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const controlPlane = process.env.CONTROL_PLANE_URL ?? 'http://127.0.0.1:3000';
const admission = process.env.ADMISSION_URL ?? 'http://127.0.0.1:3100';

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  resolve: {
    // The pure rules of the service terms, shared with the server (libs/domain has no Node imports).
    alias: {
      '#domain': here('../../libs/domain/src/index.ts'),
      '#contracts': here('../../libs/contracts/src/index.ts'),
    },
  },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    sourcemap: true,
    // Hashed file names under /assets: the control plane serves them with a one-year immutable cache.
    assetsDir: 'assets',
    // The budget that matters is the initial JavaScript gzipped (≤ 250 KB, `npm run bench:web`), not one raw chunk.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    port: Number(process.env.WEB_DEV_PORT ?? 5173),
    proxy: {
      '/api': controlPlane,
      '/docs': controlPlane,
      '/socket.io': { target: admission, ws: true },
    },
  },
});
