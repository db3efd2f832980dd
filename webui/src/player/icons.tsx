/**
 * The player's control icons as inline SVG: the media-control characters (⏮ ⏸ ⏭) are missing from many fonts (Debian's
 * Chromium draws boxes for them), an SVG is the same everywhere. Decorative: the buttons carry the names.
 */
function Svg({ children }: { children: React.ReactNode }) {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false" className="icon-svg">
      {children}
    </svg>
  );
}

export function PlayIcon() {
  return <Svg><path d="M8 5.5v13a1 1 0 0 0 1.5.86l10.2-6.5a1 1 0 0 0 0-1.72L9.5 4.64A1 1 0 0 0 8 5.5Z" fill="currentColor" /></Svg>;
}

export function PauseIcon() {
  return <Svg><rect x="6.5" y="5" width="4" height="14" rx="1" fill="currentColor" /><rect x="13.5" y="5" width="4" height="14" rx="1" fill="currentColor" /></Svg>;
}

export function PreviousIcon() {
  return <Svg><rect x="5" y="5" width="2.6" height="14" rx="1" fill="currentColor" /><path d="M19 6.2v11.6a1 1 0 0 1-1.55.83L9.2 12.83a1 1 0 0 1 0-1.66l8.25-5.8A1 1 0 0 1 19 6.2Z" fill="currentColor" /></Svg>;
}

export function NextIcon() {
  return <Svg><rect x="16.4" y="5" width="2.6" height="14" rx="1" fill="currentColor" /><path d="M5 6.2v11.6a1 1 0 0 0 1.55.83l8.25-5.8a1 1 0 0 0 0-1.66L6.55 5.37A1 1 0 0 0 5 6.2Z" fill="currentColor" /></Svg>;
}

export function ShuffleIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" className="icon-svg">
      <path d="M3 7h3.5c2 0 3.2 1 4.3 2.6l2.4 4.8c1.1 1.6 2.3 2.6 4.3 2.6H21M3 17h3.5c1.3 0 2.2-.4 3-1.2M13.5 8.2c.8-.8 1.7-1.2 3-1.2H21M18 4l3 3-3 3M18 14l3 3-3 3"
        fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

export function RepeatIcon({ one }: { one: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" className="icon-svg">
      <path d="M4 11V9a3 3 0 0 1 3-3h12M16 3l3 3-3 3M20 13v2a3 3 0 0 1-3 3H5M8 21l-3-3 3-3" fill="none" stroke="currentColor" strokeWidth="1.8"
        strokeLinecap="round" strokeLinejoin="round" />
      {one && <text x="12" y="14.5" textAnchor="middle" fontSize="7" fontWeight="700" fill="currentColor">1</text>}
    </svg>
  );
}
