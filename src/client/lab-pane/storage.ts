/** The pane's settings in localStorage; with storage disabled they are simply not remembered. */
export function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // storage disabled: the setting lasts as long as the page
  }
}
