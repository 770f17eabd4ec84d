// Small time arithmetic every side uses. PURE.

/** Slack for comparing times that went through a few additions of microsecond-rounded values. */
export const TIME_EPS = 1e-6

/** Slack for float noise in arithmetic on exact values, e.g. so (15 − 1) / (8 − 1) = 2 is not rounded up to 3. */
export const FLOAT_EPS = 1e-9

/** Seconds rounded to the microsecond, so repeated edits do not accumulate float noise. */
export const roundSec = (sec: number): number => Math.round(sec * 1e6) / 1e6

export const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v))
