// Headless stand-in for the directory picker of Sveltia CMS's local-repository backend.
// Load BEFORE sveltia-cms.js (inline <script> or Playwright page.addInitScript): the CMS reads
// `'showDirectoryPicker' in globalThis` once, when its app mounts (bundle line 2521, Xhe()).
//
// Input: window.__LOCAL_REPO_FILES__ = { 'path/in/repo': 'text' | { base64: '...' }, ... }
// Output: window.__LOCAL_REPO__ = { ready: Promise<root handle>, read(path), list() }
(() => {
  const FILES = globalThis.__LOCAL_REPO_FILES__ ?? {};
  const ROOT_NAME = 'local-repo'; // OPFS subfolder; wiped and refilled on every page load

  const dirFor = async (root, parts, create = true) => {
    let dir = root;
    for (const p of parts) dir = await dir.getDirectoryHandle(p, { create });
    return dir;
  };

  const writeFile = async (root, path, content) => {
    const parts = path.split('/');
    const name = parts.pop();
    const dir = await dirFor(root, parts);
    const handle = await dir.getFileHandle(name, { create: true });
    const w = await handle.createWritable(); // window-side OPFS writes: Chromium, Firefox
    const data = typeof content === 'string'
      ? content
      : Uint8Array.from(atob(content.base64), (c) => c.charCodeAt(0));
    await w.write(data);
    await w.close();
  };

  const ready = (async () => {
    const opfs = await navigator.storage.getDirectory();
    try { await opfs.removeEntry(ROOT_NAME, { recursive: true }); } catch { /* first run */ }
    const root = await opfs.getDirectoryHandle(ROOT_NAME, { create: true });
    // Sveltia calls root.getDirectoryHandle('.git') after picking (bundle line 2542, C_e);
    // NotFoundError there aborts sign-in. An empty folder is enough; nothing inside is read.
    await root.getDirectoryHandle('.git', { create: true });
    for (const [path, content] of Object.entries(FILES)) await writeFile(root, path, content);
    return root;
  })();

  // The picked handle is stored in IndexedDB; on reload Sveltia calls requestPermission()
  // and expects 'granted'. OPFS handles are always granted; cover builds lacking the method.
  const proto = globalThis.FileSystemHandle?.prototype;
  if (proto && !proto.requestPermission) proto.requestPermission = async () => 'granted';
  if (proto && !proto.queryPermission) proto.queryPermission = async () => 'granted';

  globalThis.showDirectoryPicker = async () => ready;

  const read = async (path) => {
    const parts = path.split('/');
    const name = parts.pop();
    const dir = await dirFor(await ready, parts, false);
    return (await (await dir.getFileHandle(name)).getFile()).text();
  };
  const list = async (dir = null, prefix = '') => {
    const out = [];
    for await (const [name, h] of (dir ?? await ready).entries()) {
      const p = prefix + name;
      if (h.kind === 'directory') out.push(...await list(h, p + '/'));
      else out.push(p);
    }
    return out.sort();
  };
  globalThis.__LOCAL_REPO__ = { ready, read, list };
})();
