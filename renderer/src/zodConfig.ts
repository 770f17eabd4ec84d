// Imported first by main.tsx: zod must not probe `new Function` under our CSP (script-src has no
// 'unsafe-eval'). The probe's error is caught, but Chromium still reports it as a CSP violation.
import { config } from 'zod'

config({ jitless: true })
