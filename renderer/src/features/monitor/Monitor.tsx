import { useCallback, useEffect, useRef, useState } from 'react'
import type { Asset } from '../../../../shared/domain/asset'
import { invoke } from '../../lib/ipc'
import { usePlayback } from '../playback/PlaybackProvider'
import { TransportBar } from '../playback/TransportBar'
import { FocusCaption, FocusOverlay, type FocusTarget } from './FocusOverlay'

/** URLs main handed out, by file: a clip seen again (the next cut, a revisit) loads without asking. */
const urlCache = new Map<string, string>()

function useMediaUrl(path: string | null): string | null {
  const [url, setUrl] = useState<string | null>(path ? (urlCache.get(path) ?? null) : null)
  useEffect(() => {
    let live = true
    setUrl(path ? (urlCache.get(path) ?? null) : null)
    if (path && !urlCache.has(path)) {
      void invoke('media:url', { path }).then((r) => {
        if (!r.ok) return
        urlCache.set(path, r.data.url)
        if (live) setUrl(r.data.url)
      })
    }
    return () => {
      live = false
    }
  }, [path])
  return url
}

/**
 * The program monitor: the source of the clip under the playhead (main hands out the URL), showing the frame
 * at the playhead whenever the video is paused. The transport plays it (its sound runs through the mix); the
 * next clip's file waits loaded, hidden, so a cut does not stall. With `focus`, the selected segment's focus
 * box is drawn (and drawable) over the picture.
 */
/** A paused picture this close to the wanted frame is left alone (a seek would only flicker). */
const SEEK_SLACK_SEC = 1e-3

export function Monitor({
  asset,
  sourceSec,
  focus = null,
}: {
  asset: Asset | null
  sourceSec: number | null
  focus?: FocusTarget | null
}) {
  const playback = usePlayback()
  const path = asset?.path ?? null
  const url = useMediaUrl(path)
  const nextPath = playback.nextPath !== path ? playback.nextPath : null
  const nextUrl = useMediaUrl(nextPath)
  const videoRef = useRef<HTMLVideoElement | null>(null)
  const [video, setVideo] = useState<HTMLVideoElement | null>(null)
  useEffect(() => {
    // Again when the file changes: the new element starts at 0.
    const v = videoRef.current
    if (!v || !url || sourceSec === null || !v.paused) return
    if (Math.abs(v.currentTime - sourceSec) > SEEK_SLACK_SEC) v.currentTime = sourceSec
  }, [sourceSec, url])
  return (
    <section className="panel monitor" aria-label="Monitor">
      <div className="monitor-picture">
        {path && url && <Picture key={path} path={path} url={url} shown videoRef={videoRef} onElement={setVideo} />}
        {focus && video && <FocusOverlay video={video} target={focus} />}
        {nextPath && nextUrl && <Picture key={nextPath} path={nextPath} url={nextUrl} shown={false} />}
        {!url && (
          <div className="empty-state">
            <p>{asset ? 'Loading…' : 'No picture under the playhead'}</p>
          </div>
        )}
      </div>
      <TransportBar />
      {focus && <FocusCaption target={focus} />}
    </section>
  )
}

function Picture({
  path,
  url,
  shown,
  videoRef,
  onElement,
}: {
  path: string
  url: string
  shown: boolean
  videoRef?: { current: HTMLVideoElement | null }
  onElement?: (el: HTMLVideoElement | null) => void
}) {
  const { registerVideo } = usePlayback()
  const ref = useCallback(
    (el: HTMLVideoElement | null) => {
      if (videoRef) videoRef.current = el
      onElement?.(el)
      registerVideo(path, el)
    },
    [path, registerVideo, videoRef, onElement],
  )
  return (
    // biome-ignore lint/a11y/useMediaCaption: the person's own footage, shown while they edit; it has no captions
    <video
      ref={ref}
      src={url}
      crossOrigin="anonymous"
      preload="auto"
      playsInline
      className={shown ? undefined : 'preload'}
      data-testid={shown ? 'monitor-video' : undefined}
    />
  )
}
