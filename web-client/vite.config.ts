import { defineConfig } from 'vite';

// One static bundle in dist/ that `hotlsp web` serves at `/` (no CDN at run time).
export default defineConfig({
  base: './',
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 10_000,
    reportCompressedSize: false,
  },
});
