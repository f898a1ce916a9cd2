import { scriptConfig } from '../core/config'

/**
 * What the page's script tag named: its store and customer (`data-store-hash`,
 * `data-customer-id`). The status has them only with a token; a guest or a failed page shows
 * these instead, as they are what a developer checks first. `customerId` is '' on a guest page
 * and undefined when the tag leaves it out; tags that disagree name nothing.
 */
export interface PageNamed {
  storeHash?: string | undefined
  customerId?: string | undefined
}

export function pageNamed(doc: Document = document): PageNamed {
  // This chunk's URL never is the entry's: the tag is found by the entry's file name, given a URL
  // no script's src equals. Not import.meta.url, which a theme's webpack turns into a path of its
  // build machine, shipped to the CDN in the theme's bundle.
  const input = scriptConfig(doc, 'bundled') ?? {}
  const text = (value: unknown) => (typeof value == 'string' ? value.trim() : undefined)
  return { storeHash: text(input.storeHash) || undefined, customerId: text(input.customerId) }
}
