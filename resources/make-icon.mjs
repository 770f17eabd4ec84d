// Draws resources/icon.png (512x512 RGBA): a dark rounded square with a teal-to-amber waveform.
// No dependencies: pixels → PNG with node:zlib. Run: node resources/make-icon.mjs
import { writeFileSync } from 'node:fs'
import { deflateSync } from 'node:zlib'

const SIZE = 512
const px = new Uint8Array(SIZE * SIZE * 4)

const mix = (a, b, t) => a.map((v, i) => Math.round(v + (b[i] - v) * t))
const TEAL = [45, 212, 191]
const AMBER = [251, 191, 36]

/** Coverage (0..1) of a rounded rectangle at pixel centre (x, y), anti-aliased over one pixel. */
function roundRect(x, y, x0, y0, x1, y1, r) {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r)
  const cy = Math.min(Math.max(y, y0 + r), y1 - r)
  const d = Math.hypot(x - cx, y - cy) - r
  return Math.min(1, Math.max(0, 0.5 - d))
}

function blend(i, rgb, alpha) {
  const a0 = px[i + 3] / 255
  const out = alpha + a0 * (1 - alpha)
  if (out === 0) return
  for (let c = 0; c < 3; c++) px[i + c] = Math.round((rgb[c] * alpha + px[i + c] * a0 * (1 - alpha)) / out)
  px[i + 3] = Math.round(out * 255)
}

const BARS = [0.28, 0.46, 0.7, 0.9, 0.62, 0.8, 0.52, 0.36, 0.22]
const BAR_W = 26
const GAP = 14
const totalW = BARS.length * BAR_W + (BARS.length - 1) * GAP
const left = (SIZE - totalW) / 2

for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    const i = (y * SIZE + x) * 4
    const fx = x + 0.5
    const fy = y + 0.5
    // Background: rounded square with a faint vertical gradient.
    const bg = roundRect(fx, fy, 24, 24, SIZE - 24, SIZE - 24, 104)
    if (bg > 0) blend(i, mix([30, 32, 40], [18, 19, 24], fy / SIZE), bg)
    // Waveform bars, symmetric around the middle line, coloured left to right.
    BARS.forEach((h, k) => {
      const x0 = left + k * (BAR_W + GAP)
      const half = (h * 300) / 2
      const cover = roundRect(fx, fy, x0, SIZE / 2 - half, x0 + BAR_W, SIZE / 2 + half, BAR_W / 2)
      if (cover > 0) blend(i, mix(TEAL, AMBER, k / (BARS.length - 1)), cover)
    })
  }
}

// PNG encoding.
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf) => {
  let c = 0xffffffff
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
const chunk = (type, data) => {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}
const ihdr = Buffer.alloc(13)
ihdr.writeUInt32BE(SIZE, 0)
ihdr.writeUInt32BE(SIZE, 4)
ihdr.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1))
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0 // no filter
  Buffer.from(px.buffer, y * SIZE * 4, SIZE * 4).copy(raw, y * (SIZE * 4 + 1) + 1)
}
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
])
writeFileSync(new URL('./icon.png', import.meta.url), png)
console.log(`resources/icon.png: ${png.length} bytes`)
