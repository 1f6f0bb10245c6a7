// Builds the dashboard into web/dist. The map boundaries are the project's reference
// data (data/reference/*.geo.json, provenance in its README): they are copied into
// dist/geo/ at build time and served from the same origin, so nothing is fetched from
// elsewhere at run time.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const reference = fileURLToPath(new URL('../data/reference/', import.meta.url));
const geoFiles = ['municipalities.geo.json', 'regions.geo.json'];

function referenceGeo(): Plugin {
  return {
    name: 'vaksam-reference-geo',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = req.url?.match(/^\/geo\/([a-z]+\.geo\.json)$/)?.[1];
        if (!name || !geoFiles.includes(name)) return next();
        res.setHeader('Content-Type', 'application/geo+json');
        res.end(readFileSync(reference + name));
      });
    },
    generateBundle() {
      for (const name of geoFiles)
        this.emitFile({ type: 'asset', fileName: `geo/${name}`, source: readFileSync(reference + name) });
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [referenceGeo()],
  build: {
    outDir: 'dist',
    target: 'es2021',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // `npm run dev` against a running `vaksam serve --port 8080`.
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
