/**
 * @file Lazy access to Node built-in modules for the Node-only paths of gradtape/plot (file export, PNG, video).
 * The specifier reaches `import()` as a variable, so bundlers (vite/rolldown, esbuild, webpack) neither resolve
 * nor "externalize for browser compatibility" these modules: a browser bundle of the package contains no trace of
 * them, and the code that needs them only runs — and only loads them — when Node actually calls it.
 */

/** The built-ins the plot package uses, with their types (type-only: erased before bundling). */
export interface NodeBuiltins {
  'node:fs/promises': typeof import('node:fs/promises');
  'node:path': typeof import('node:path');
  'node:os': typeof import('node:os');
  'node:url': typeof import('node:url');
  'node:child_process': typeof import('node:child_process');
}

/**
 * Import a Node built-in without letting bundlers see the specifier.
 * @example const { writeFile } = await nodeBuiltin('node:fs/promises');
 */
export async function nodeBuiltin<K extends keyof NodeBuiltins>(id: K): Promise<NodeBuiltins[K]> {
  if (typeof id !== 'string' || !id.startsWith('node:')) {
    throw new Error(`nodeBuiltin: id must be a 'node:…' module name, got ${String(id)}`);
  }
  const specifier: string = id; // widened to string so no tool treats it as a literal dependency
  try {
    return (await import(/* @vite-ignore */ specifier)) as NodeBuiltins[K];
  } catch (e) {
    throw new Error(`nodeBuiltin: cannot load ${id} (this feature needs Node): ${(e as Error).message}`);
  }
}
