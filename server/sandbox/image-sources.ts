/**
 * The sandbox image's sources (labs/images) and their hash, which the built
 * image carries as a label: equal hashes mean the image is up to date.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const IMAGES_DIR = path.resolve(import.meta.dirname, '../../labs/images');
export const HASH_LABEL = 'netlab.images-hash';
/** The Docker generation an image holds (server/generations.ts). */
export const GENERATION_LABEL = 'netlab.generation';

function filesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : [full];
    });
}

export function imageSourcesHash(dir: string = IMAGES_DIR): string {
  const hash = createHash('sha256');
  for (const file of filesUnder(dir)) {
    hash.update(path.relative(dir, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}
