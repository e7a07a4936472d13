/** The workshop pages, each built in both languages (src/pages/[zh-cn/]workshop/[page].astro). */
export const WORKSHOP_PAGES = ['new', 'join', 'learn', 'dashboard'] as const;
export type WorkshopPageName = (typeof WORKSHOP_PAGES)[number];
