#!/usr/bin/env node
// `mmaudio-studio`: the headless entry. Same services as the app, no Electron. Exit codes: 0 ok, 1 failed,
// 2 bad usage, 130 cancelled (Ctrl-C).
import { readFileSync, realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { AppError, isAppError } from '../../shared/domain/errors'
import type { ProviderId } from '../../shared/domain/ids'
import { keyEnvName, type Env } from '../providers/registry'
import { diskFullOrSame } from '../media/fsErrors'
import { parseCli } from './args'
import { batch, exportProject, generateText, generateVideo, listProviders, type CommandContext } from './commands'
import { HELP, MAIN_HELP } from './help'
import { generateByShots, printShots } from './shots'
import { createReporter, type Streams } from './output'
import { createCliServices, type CliServices } from './services'

export interface CliIo {
  env: Env
  streams: Streams
  signal: AbortSignal
  /** Injected for tests; built from env otherwise. */
  services?: (env: Env) => CliServices
  now?: () => Date
}

/** The key sentences speak of Settings (the app); on the command line the key is an env var: name it. */
export function forTheCli(error: AppError, providers: ReadonlyArray<{ id: ProviderId; label: string }>): AppError {
  if (error.code !== 'PROVIDER_AUTH') return error
  const provider = providers.find((p) => error.message.includes(p.label))
  if (!provider || error.message.includes(keyEnvName(provider.id))) return error
  const sentence = error.message.replace(/ ?(Check or replace it|Add it) in Settings\.$/, '')
  return new AppError('PROVIDER_AUTH', `${sentence} Check ${keyEnvName(provider.id)}.`)
}

/** The version in package.json (two folders up from here, in the source and in the built out/main alike). */
export function cliVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
      version?: unknown
    }
    return typeof pkg.version === 'string' ? pkg.version : 'unknown'
  } catch {
    return 'unknown'
  }
}

export function exitCodeFor(error: AppError): number {
  if (error.code === 'CANCELLED') return 130
  if (error.code === 'BAD_INPUT') return 2
  return 1
}

/** Runs one command; waits for the sweep of what earlier, killed runs left before answering. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let svc: CliServices | undefined
  const code = await runCommand(argv, io, (s) => (svc = s))
  await svc?.swept
  return code
}

async function runCommand(argv: readonly string[], io: CliIo, built: (svc: CliServices) => void): Promise<number> {
  let json = argv.includes('--json')
  const out = createReporter(json, io.streams)
  let svc: CliServices | undefined
  try {
    const cmd = parseCli(argv)
    json = cmd.json
    if (cmd.kind === 'help') {
      io.streams.stdout.write(`${(cmd.topic && HELP[cmd.topic]) || MAIN_HELP}\n`)
      return 0
    }
    if (cmd.kind === 'version') {
      io.streams.stdout.write(`mmaudio-studio ${cliVersion()}\n`)
      return 0
    }
    svc = (io.services ?? ((env) => createCliServices(env)))(io.env)
    built(svc)
    const ctx: CommandContext = { svc, out, signal: io.signal, env: io.env, now: io.now ?? (() => new Date()) }
    switch (cmd.kind) {
      case 'providers':
        listProviders(ctx, cmd.json, (s) => io.streams.stdout.write(s))
        return 0
      case 'generate':
        out.event({ type: 'start', command: 'generate', input: cmd.video })
        if (cmd.byShots) return await generateByShots(ctx, cmd, cmd.byShots.threshold)
        await generateVideo(ctx, cmd)
        return 0
      case 'shots':
        await printShots(ctx, cmd)
        return 0
      case 'text':
        out.event({ type: 'start', command: 'text' })
        await generateText(ctx, cmd)
        return 0
      case 'batch':
        return await batch(ctx, cmd)
      case 'export':
        out.event({ type: 'start', command: 'export', input: cmd.projectFile })
        await exportProject(ctx, cmd)
        return 0
    }
  } catch (e) {
    const known = diskFullOrSame(e)
    const error = io.signal.aborted
      ? isAppError(known) && known.code === 'CANCELLED'
        ? known
        : new AppError('CANCELLED', 'Cancelled.')
      : isAppError(known)
        ? known
        : new AppError('INTERNAL', e instanceof Error ? e.message : String(e))
    out.event({ type: 'error', error: forTheCli(error, svc?.providers.list() ?? []).toData() })
    return exitCodeFor(error)
  } finally {
    out.close()
  }
}

/** Run as a program (tsx, the built bin or its npm symlink), not imported by a test. */
function isEntry(): boolean {
  const entry = process.argv[1]
  if (!entry) return false
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (isEntry()) {
  const controller = new AbortController()
  let interrupts = 0
  process.on('SIGINT', () => {
    if (++interrupts > 1) process.exit(130)
    controller.abort()
  })
  process.on('SIGTERM', () => controller.abort())
  void main(process.argv.slice(2), {
    env: process.env,
    streams: { stdout: process.stdout, stderr: process.stderr },
    signal: controller.signal,
  }).then((code) => {
    process.exitCode = code
  })
}
