// The built module's files (dist/), served as a theme's assets/dist would be, so a page loads the
// real bundle. Only files under the folder are served: a path that escapes it is a 404.
import { readFile, stat } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import { type Exchange, send } from './exchange'
import { notFoundPage } from './pages'

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
}

function contentTypeFor(file: string): string {
  if (file.endsWith('.d.ts')) return 'text/plain; charset=utf-8'
  return CONTENT_TYPES[extname(file)] ?? 'application/octet-stream'
}

/** Answers the file of `root` the path names after `prefix` (the URL folder it is served under). */
export async function sendDistFile(ex: Exchange, root: string, prefix: string, cacheControl = 'no-cache'): Promise<void> {
  let relative: string
  try {
    relative = decodeURIComponent(ex.url.pathname.slice(prefix.length))
  } catch {
    notFoundPage(ex)
    return
  }
  const file = resolve(root, relative)
  if (relative.includes('\0') || !file.startsWith(root + sep)) {
    notFoundPage(ex)
    return
  }
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a file')
    const content = await readFile(file)
    send(ex, 200, { 'Content-Type': contentTypeFor(file), 'Cache-Control': cacheControl }, content)
  } catch {
    notFoundPage(ex)
  }
}
