/**
 * Content collections: Starlight's `docs` (the course pages in both languages)
 * and `labs`, one entry per labs/<id>/lab.yaml. The labs are read by the lab
 * server's own loadLab() (server/labs.ts): the schema, the `{{param}}`
 * references, duplicate task ids and setup files, so a page can never show a
 * lab the server would reject, and a lab the server rejects fails the build
 * with the same message. LabPane reads `labs`.
 */
import { fileURLToPath } from 'node:url';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import type { Loader } from 'astro/loaders';
import { defineCollection } from 'astro:content';
import { labIds, labSchema, loadLab } from '../server/labs.ts';

/** Every lab through loadLab(); in `astro dev`, again when a lab's files change. */
function labsLoader(): Loader {
  return {
    name: 'netlab-labs',
    load: async (context) => {
      const { config, store, watcher } = context;
      const dir = fileURLToPath(new URL('labs/', config.root));
      const read = async (): Promise<void> => {
        store.clear();
        // The entry id is the lab's own id (the folder name), e.g. "bridge".
        for (const id of labIds(dir)) {
          const lab = loadLab(dir, id);
          store.set({ id, data: await context.parseData({ id, data: lab }) });
        }
      };
      await read();
      watcher?.add(dir);
      watcher?.on('change', (file) => {
        if (file.startsWith(dir)) void read();
      });
    },
  };
}

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  labs: defineCollection({ loader: labsLoader(), schema: labSchema }),
};

/*
 * starlight-links-validator (astro.config.mjs) ships TypeScript sources, which
 * `tsc` type-checks with this project. Its unified code path reads the `astro`
 * data that @astrojs/markdown-remark adds to vfile; this site renders Markdown
 * with Sätteri and does not install that package, so the shape is declared here.
 */
declare module 'vfile' {
  interface DataMap {
    // As @astrojs/markdown-remark declares it; the plugin's code relies on `any` here.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    astro: { frontmatter?: Record<string, any> };
  }
}
