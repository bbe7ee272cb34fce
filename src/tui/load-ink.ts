/**
 * ink, imported without waking Node's fetch. yoga-layout (ink's layout engine) reads its inlined
 * WebAssembly through `fetch` whenever there is one, and loading Node's fetch costs about 50 ms
 * of a first frame; without it yoga decodes the same bytes directly. The global is put back as it
 * was (a lazy getter: saving it does not load fetch either).
 */
export async function loadInk(): Promise<typeof import('ink')> {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await import('ink');
  } finally {
    if (saved) Object.defineProperty(globalThis, 'fetch', saved);
  }
}
