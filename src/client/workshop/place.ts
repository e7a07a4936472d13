/**
 * The learner's place in a workshop, kept in this browser (localStorage) and in
 * the reopenable link `/workshop/learn/?id=<workshop>#p=<participant>.<token>`.
 * The workshop id rides in the query because every learner route names it.
 */
import { parsePlace, placeHash } from './model.ts';

const PLACE_KEY = 'netlab:workshop-place';

export interface StoredPlace {
  workshopId: string;
  participantId: string;
  token: string;
}

export function readPlace(storage: Pick<Storage, 'getItem'> | null): StoredPlace | null {
  try {
    const raw = storage?.getItem(PLACE_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<StoredPlace>;
    if (
      typeof value.workshopId === 'string' &&
      typeof value.participantId === 'string' &&
      typeof value.token === 'string'
    ) {
      return {
        workshopId: value.workshopId,
        participantId: value.participantId,
        token: value.token,
      };
    }
  } catch {
    // malformed or storage disabled
  }
  return null;
}

export function writePlace(storage: Pick<Storage, 'setItem'> | null, place: StoredPlace): void {
  try {
    storage?.setItem(PLACE_KEY, JSON.stringify(place));
  } catch {
    // storage disabled: the link still reopens the place
  }
}

/** The place a learn page URL names (query `id`, hash `p`), else the stored one. */
export function placeFrom(url: URL, stored: StoredPlace | null): StoredPlace | null {
  const fromHash = parsePlace(url.hash);
  const workshopId = url.searchParams.get('id');
  if (fromHash) {
    const id =
      workshopId ?? (stored?.participantId === fromHash.participantId ? stored.workshopId : null);
    return id ? { workshopId: id, ...fromHash } : null;
  }
  return stored;
}

/** The reopenable link of a place, on the learn page of `pathPrefix` ("" or "/zh-cn"). */
export function learnLink(origin: string, pathPrefix: string, place: StoredPlace): string {
  const url = new URL(`${pathPrefix}/workshop/learn/`, origin);
  url.searchParams.set('id', place.workshopId);
  return url.href + placeHash(place);
}
