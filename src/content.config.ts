/**
 * Content collections: Starlight's `docs` (the course pages in both languages)
 * and `labs`, one entry per labs/<id>/lab.yaml, validated at build time by the
 * same schema the lab server uses, so a page can never show a lab the server
 * would reject. LabPane reads `labs`.
 */
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { glob } from 'astro/loaders';
import { defineCollection } from 'astro:content';
import { labSchema } from '../server/grading/lab-schema.ts';

export const collections = {
  docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }),
  labs: defineCollection({
    // The entry id is the lab's own id (the folder name), e.g. "bridge".
    loader: glob({
      base: './labs',
      pattern: '*/lab.yaml',
      generateId: ({ entry }) => entry.replace(/\/lab\.yaml$/, ''),
    }),
    schema: labSchema,
  }),
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
