import { z } from 'zod'

/** An absolute or relative file path as it crosses IPC or sits in a project: never empty, never a NUL byte. */
export const FilePath = z
  .string()
  .min(1, 'A file path cannot be empty.')
  .max(4096, 'A file path cannot be longer than 4096 characters.')
  .refine((p) => !p.includes('\0'), 'A file path cannot contain a NUL character.')
