/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// In development (`npm run dev`) Vite serves the page and proxies the API, the page's
// configuration and the demo sign-in to the gateway (CONSTRUCTOS_GATEWAY_ADDR).
const gateway = `http://${process.env.CONSTRUCTOS_GATEWAY_ADDR ?? '127.0.0.1:8080'}`;

export default defineConfig({
  plugins: [react()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: {
    proxy: {
      '/graphql': gateway,
      '/app-config.json': gateway,
      '/dev': gateway,
    },
  },
  build: {
    // No inline scripts or `eval`: the gateway's Content-Security-Policy allows neither.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    // Tests that type into forms take several seconds on a loaded machine (shared
    // cores, a browser test beside them); Vitest's 5 s default failed them spuriously.
    testTimeout: 20_000,
  },
});
