import { useEffect, useRef } from 'react';
import { analyser } from './player';
import { usePlayer } from './player';

/** Bars of the sound's spectrum (the engine's AnalyserNode) in the album's colours; still when paused or asked for less motion. */
export function Visualizer() {
  const canvas = useRef<HTMLCanvasElement>(null);
  const playing = usePlayer((s) => s.playing);
  const palette = usePlayer((s) => s.queue[s.index]?.palette);
  useEffect(() => {
    const node = analyser();
    const el = canvas.current;
    if (!node || !el || !playing || matchMedia('(prefers-reduced-motion: reduce)').matches) return;
    const g = el.getContext('2d');
    if (!g) return;
    const colours = palette && palette.length > 0 ? palette : [getComputedStyle(document.documentElement).getPropertyValue('--accent') || '#8b5cf6'];
    const data = new Uint8Array(node.frequencyBinCount);
    const bars = 24;
    let frame = 0;
    const draw = () => {
      node.getByteFrequencyData(data);
      g.clearRect(0, 0, el.width, el.height);
      const width = el.width / bars;
      for (let i = 0; i < bars; i++) {
        // bins spread logarithmically: bass gets as many bars as treble
        const bin = Math.min(data.length - 1, Math.floor(Math.pow(data.length, i / bars)));
        const h = ((data[bin] ?? 0) / 255) * el.height;
        g.fillStyle = colours[i % colours.length] ?? '#8b5cf6';
        g.fillRect(i * width + 1, el.height - h, width - 2, h);
      }
      frame = requestAnimationFrame(draw);
    };
    frame = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(frame);
  }, [playing, palette]);
  if (!analyser()) return null;
  return <canvas ref={canvas} className="visualizer" width={120} height={36} aria-hidden="true" data-testid="visualizer" />;
}
