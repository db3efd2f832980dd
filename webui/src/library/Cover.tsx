import { coverUrl } from './queries';

/** A cover image, or a tile in the album's first palette colour when it has none. */
export function Cover({ imageId, size, alt, palette }: { imageId?: number | null; size: number; alt: string; palette?: string[] }) {
  const url = coverUrl(imageId, size);
  if (!url) {
    return <div className="cover cover--empty" role="img" aria-label={alt} style={{ background: palette?.[0] }} />;
  }
  return <img className="cover" src={url} alt={alt} loading="lazy" decoding="async" />;
}
