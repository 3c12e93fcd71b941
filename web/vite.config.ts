import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

// The web app lives in web/ and is built into dist/web, which the Fastify server serves.
// In `npm run dev:web` Vite serves it and passes /api on to the server on port 3000.
export default defineConfig({
  root: webRoot,
  publicDir: 'public',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    // The app imports the shared zod schemas' types from common/, outside web/.
    fs: { allow: [repoRoot] },
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
