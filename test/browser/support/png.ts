import { crc32, deflateSync, inflateSync } from 'node:zlib'

export interface Pixels {
  width: number
  height: number
  /** RGBA, 4 bytes a pixel, row after row. */
  data: Uint8Array
}

/**
 * Decodes the PNGs browsers write for screenshots: 8-bit RGB or RGBA, not interlaced. Decoded
 * here, not in a page, so that comparing two screenshots never depends on the engine under test.
 */
export function decodePng(png: Buffer): Pixels {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG')
  let offset = 8
  let width = 0
  let height = 0
  let channels = 0
  const idat: Buffer[] = []
  while (offset < png.length) {
    const length = png.readUInt32BE(offset)
    const type = png.toString('latin1', offset + 4, offset + 8)
    const body = png.subarray(offset + 8, offset + 8 + length)
    if (type === 'IHDR') {
      width = body.readUInt32BE(0)
      height = body.readUInt32BE(4)
      const [depth, colour, , , interlace] = [body[8], body[9], body[10], body[11], body[12]]
      channels = colour === 6 ? 4 : colour === 2 ? 3 : 0
      if (depth !== 8 || !channels || interlace !== 0)
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colour}, interlace ${interlace}`)
    } else if (type === 'IDAT') idat.push(body)
    offset += 12 + length
  }
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * channels
  const rows = new Uint8Array(height * stride)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    for (let x = 0; x < stride; x++) {
      const left = x >= channels ? rows[y * stride + x - channels]! : 0
      const up = y > 0 ? rows[(y - 1) * stride + x]! : 0
      const upLeft = y > 0 && x >= channels ? rows[(y - 1) * stride + x - channels]! : 0
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter]
      if (predictor === undefined) throw new Error(`bad PNG filter ${filter}`)
      rows[y * stride + x] = (line[x]! + predictor) & 0xff
    }
  }
  const data = new Uint8Array(width * height * 4)
  for (let i = 0, j = 0; i < rows.length; i += channels, j += 4) {
    data[j] = rows[i]!
    data[j + 1] = rows[i + 1]!
    data[j + 2] = rows[i + 2]!
    data[j + 3] = channels === 4 ? rows[i + 3]! : 255
  }
  return { width, height, data }
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c
  const pa = Math.abs(p - a)
  const pb = Math.abs(p - b)
  const pc = Math.abs(p - c)
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
}

/** The share of pixels (0–1) that differ by more than `tolerance` (of 255) in a channel; 1 when the sizes differ. */
export function differingShare(a: Pixels, b: Pixels, tolerance: number): number {
  if (a.width !== b.width || a.height !== b.height) return 1
  let count = 0
  for (let i = 0; i < a.data.length; i += 4) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs(a.data[i + c]! - b.data[i + c]!) > tolerance) {
        count++
        break
      }
    }
  }
  return count / (a.width * a.height)
}

/** Encodes RGBA pixels as a PNG (filter 0, default compression). */
export function encodePng({ width, height, data }: Pixels): Buffer {
  const raw = Buffer.alloc(height * (width * 4 + 1))
  for (let y = 0; y < height; y++) Buffer.from(data.buffer, data.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1)
  const chunk = (type: string, body: Buffer) => {
    const head = Buffer.alloc(8)
    head.writeUInt32BE(body.length, 0)
    head.write(type, 4, 'latin1')
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0)
    return Buffer.concat([head, body, crc])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr.set([8, 6, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

/**
 * A rectangle of an X screen dump in XWD format (what `Xvfb -fbdir` keeps up to date), as RGBA:
 * 32-bit pixels, least significant byte first, red in 0xff0000 (Xvfb's 24-bit TrueColor screen).
 */
export function cropXwd(xwd: Buffer, rect: { x: number; y: number; width: number; height: number }): Pixels {
  const field = (index: number) => xwd.readUInt32BE(index * 4)
  const [headerSize, byteOrder, bitsPerPixel, bytesPerLine, redMask, colours] = [
    field(0),
    field(7),
    field(11),
    field(12),
    field(14),
    field(19),
  ]
  if (bitsPerPixel !== 32 || byteOrder !== 0 || redMask !== 0xff0000)
    throw new Error(`unsupported XWD: ${bitsPerPixel} bpp, byte order ${byteOrder}, red mask ${redMask.toString(16)}`)
  const start = headerSize + colours * 12
  const data = new Uint8Array(rect.width * rect.height * 4)
  for (let y = 0; y < rect.height; y++) {
    for (let x = 0; x < rect.width; x++) {
      const from = start + (rect.y + y) * bytesPerLine + (rect.x + x) * 4
      const to = (y * rect.width + x) * 4
      data[to] = xwd[from + 2]!
      data[to + 1] = xwd[from + 1]!
      data[to + 2] = xwd[from]!
      data[to + 3] = 255
    }
  }
  return { width: rect.width, height: rect.height, data }
}
