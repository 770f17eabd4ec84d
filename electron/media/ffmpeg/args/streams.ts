// Which of an input's streams a command reads: the groups several commands share.

/** The first picture stream only (capital V: never cover art or another attached picture); no sound, subtitles or data. */
export const FIRST_PICTURE_ONLY = ['-map', '0:V:0', '-an', '-sn', '-dn'] as const

/** The first sound stream only; no picture, subtitles or data. */
export const FIRST_SOUND_ONLY = ['-map', '0:a:0', '-vn', '-sn', '-dn'] as const
