/**
 * Sample-accurate gapless playback: where the audible part of a decoded track lies once the
 * encoder's delay and padding are trimmed, and when the next track must start on the
 * AudioContext clock.
 *
 * Everything is counted in whole samples and divided by the sample rate only at the end, so
 * nothing accumulates float error across a long queue: a start time is always
 * `anchorTime + integerSamples / sampleRate`, never a sum of per-track float durations.
 */

/** What a container tells about the samples an encoder added around the music. */
export interface GaplessInfo {
  /** Samples to drop at the start of the decoder's output (encoder delay + decoder delay). */
  readonly trimStartSamples: number;
  /** Samples to drop at the end of the decoder's output (padding of the last frame). */
  readonly trimEndSamples: number;
  /** Sample rate the two counts above are expressed in (the file's), when known. */
  readonly sampleRate: number | null;
  /** Length of the decoder's output before trimming, in the file's samples, when known. */
  readonly totalSamples: number | null;
}

/** The audible part of a decoded buffer, in samples and in seconds. */
export interface PlayableSpan {
  readonly offsetSamples: number;
  readonly lengthSamples: number;
  /** `offsetSamples / sampleRate`: the `offset` argument of `AudioBufferSourceNode.start`. */
  readonly offset: number;
  /** `lengthSamples / sampleRate`: the `duration` argument of `AudioBufferSourceNode.start`. */
  readonly duration: number;
}

function wholeSamples(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/**
 * The playable span of a decoded buffer of `bufferLength` samples once `trimStartSamples` and
 * `trimEndSamples` are dropped. Trims that would leave nothing (a corrupt tag) are ignored and
 * the whole buffer is played: a wrong tag must never silence a track.
 */
export function playableSpan(
  bufferLength: number,
  sampleRate: number,
  trimStartSamples: number,
  trimEndSamples: number,
): PlayableSpan {
  const length = wholeSamples(bufferLength);
  let start = wholeSamples(trimStartSamples);
  let end = wholeSamples(trimEndSamples);
  if (start + end >= length) {
    start = 0;
    end = 0;
  }
  const lengthSamples = length - start - end;
  return {
    offsetSamples: start,
    lengthSamples,
    offset: start / sampleRate,
    duration: lengthSamples / sampleRate,
  };
}

/**
 * The context time at which a source placed `startSamples` after the timeline's anchor starts.
 * The engine keeps one anchor (a context time) and an integer sample count per scheduled track,
 * so track n starts at `anchor + (len1 + … + len(n-1)) / sampleRate` computed from integers.
 */
export function nextStartTime(anchorTime: number, startSamples: number, sampleRate: number): number {
  return anchorTime + startSamples / sampleRate;
}

/**
 * Trims for a buffer as the browser decoded it. `decodeAudioData` resamples to the context's
 * rate, so counts in the file's rate are rescaled; and some decoders (Chromium's FFmpeg path for
 * MP3 and AAC) already drop delay and padding themselves: when the buffer's length shows that
 * (it equals the trimmed length, or the length without the start trim only) nothing, or only the
 * end, is trimmed again. Unknown lengths: both trims are applied.
 */
export function trimForBuffer(
  info: GaplessInfo,
  bufferLength: number,
  bufferSampleRate: number,
): { trimStartSamples: number; trimEndSamples: number } {
  const ratio = info.sampleRate && info.sampleRate > 0 ? bufferSampleRate / info.sampleRate : 1;
  const scale = (samples: number): number => Math.round(samples * ratio);
  const start = scale(info.trimStartSamples);
  const end = scale(info.trimEndSamples);
  if (info.totalSamples !== null) {
    const total = scale(info.totalSamples);
    const tolerance = ratio === 1 ? 0 : 2;
    const near = (expected: number): boolean => Math.abs(bufferLength - expected) <= tolerance;
    if (!near(total)) {
      if (near(total - start - end)) return { trimStartSamples: 0, trimEndSamples: 0 };
      if (near(total - start)) return { trimStartSamples: 0, trimEndSamples: end };
    }
  }
  return { trimStartSamples: start, trimEndSamples: end };
}

/** The MPEG audio decoder's own delay (the synthesis filterbank), added to the encoder delay. */
export const MP3_DECODER_DELAY = 529;

export interface Mp3GaplessInfo extends GaplessInfo {
  /** Encoder delay from the LAME tag (12 bits). */
  readonly encoderDelay: number;
  /** Encoder padding from the LAME tag (12 bits). */
  readonly encoderPadding: number;
  /** Encoder string of the LAME tag, e.g. "LAME3.100" or "Lavc60.3.". */
  readonly encoder: string;
  /** Frame count of the Xing/Info header (the Info frame itself not counted), when present. */
  readonly frames: number | null;
  readonly samplesPerFrame: number;
}

const MPEG1_RATES = [44100, 48000, 32000];
const MPEG2_RATES = [22050, 24000, 16000];
const MPEG25_RATES = [11025, 12000, 8000];

/** Size of an ID3v2 tag at `at` (header + body + optional footer), 0 when there is none. */
function id3v2Size(bytes: Uint8Array, at: number): number {
  if (bytes.length < at + 10) return 0;
  if (bytes[at] !== 0x49 || bytes[at + 1] !== 0x44 || bytes[at + 2] !== 0x33) return 0; // "ID3"
  const flags = bytes[at + 5] ?? 0;
  let size = 0;
  for (let i = 6; i < 10; i++) size = (size << 7) | ((bytes[at + i] ?? 0) & 0x7f); // syncsafe
  return 10 + size + ((flags & 0x10) !== 0 ? 10 : 0);
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(bytes[at + i] ?? 0);
  return text;
}

function uint32(bytes: Uint8Array, at: number): number {
  return (
    ((bytes[at] ?? 0) * 0x1000000) +
    (((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0))
  );
}

/**
 * Reads the encoder delay and padding an MP3 encoder (LAME, FFmpeg) wrote in the LAME extension
 * of the Xing/Info header in the first frame; null when there is no such tag.
 *
 * My reading of the layout (Gabriel Bouvigne, "Mp3 info tag specifications", LAME tech spec
 * rev. 1, http://gabriel.mp3-tech.org/mp3infotag.html, and FFmpeg's libavformat/mp3dec.c):
 * - optional ID3v2 tag first ("ID3", 2 version bytes, flags, 4-byte syncsafe size, +10 footer);
 * - 4-byte frame header (sync 11 bits, version, layer III, protection bit), +2 bytes CRC when the
 *   protection bit is 0; then the side information: 32 bytes (MPEG-1 stereo), 17 (MPEG-1 mono,
 *   MPEG-2/2.5 stereo) or 9 (MPEG-2/2.5 mono);
 * - "Xing" (VBR) or "Info" (CBR), then 4 bytes of flags, then the fields the flags announce:
 *   frames (0x1, 4 bytes), bytes (0x2, 4), TOC (0x4, 100), quality (0x8, 4). With all four the
 *   LAME tag starts 120 bytes after "Xing"/"Info" (4 + 4 + 4 + 4 + 100 + 4);
 * - LAME tag: encoder string (9 bytes), revision/VBR method (1), lowpass (1), peak (4), radio
 *   and audiophile ReplayGain (2 + 2), encoding flags/ATH (1), bitrate (1), then at offset
 *   0x15 = 21 three bytes: encoder delay (12 bits, high) and padding (12 bits, low).
 * The decoder adds MP3_DECODER_DELAY (529) samples of its own, so the decoder's output starts
 * with delay + 529 samples to drop and ends with padding − 529 (at least 0), as FFmpeg does
 * (start_skip_samples = delay + 528 + 1). The Xing frame count excludes the Info frame, which
 * decoders skip, so the decoder's output is frames × samples-per-frame long.
 */
export function parseMp3Gapless(buffer: ArrayBufferLike): Mp3GaplessInfo | null {
  const bytes = new Uint8Array(buffer);
  let at = id3v2Size(bytes, 0);
  // Tolerate a little junk (zero padding) between the ID3 tag and the first frame.
  const searchEnd = Math.min(bytes.length - 4, at + 4096);
  while (at < searchEnd && !(bytes[at] === 0xff && ((bytes[at + 1] ?? 0) & 0xe0) === 0xe0)) at++;
  if (at >= searchEnd) return null;

  const b1 = bytes[at + 1] ?? 0;
  const b2 = bytes[at + 2] ?? 0;
  const b3 = bytes[at + 3] ?? 0;
  const version = (b1 >> 3) & 0x3; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5, 1: reserved
  const layer = (b1 >> 1) & 0x3; // 1: Layer III
  if (version === 1 || layer !== 1) return null;
  const rateIndex = (b2 >> 2) & 0x3;
  const rates = version === 3 ? MPEG1_RATES : version === 2 ? MPEG2_RATES : MPEG25_RATES;
  const sampleRate = rates[rateIndex];
  if (sampleRate === undefined) return null;
  const mono = b3 >> 6 === 3;
  const mpeg1 = version === 3;
  const sideInfo = mpeg1 ? (mono ? 17 : 32) : mono ? 9 : 17;
  const crc = (b1 & 0x1) === 0 ? 2 : 0;

  // The spec places the tag after the CRC; some writers ignore the CRC: accept both.
  let xing = -1;
  for (const candidate of [at + 4 + crc + sideInfo, at + 4 + sideInfo]) {
    const id = ascii(bytes, candidate, 4);
    if (id === 'Xing' || id === 'Info') {
      xing = candidate;
      break;
    }
  }
  if (xing < 0) return null;

  const flags = uint32(bytes, xing + 4);
  let field = xing + 8;
  let frames: number | null = null;
  if (flags & 0x1) {
    frames = uint32(bytes, field);
    field += 4;
  }
  if (flags & 0x2) field += 4;
  if (flags & 0x4) field += 100;
  if (flags & 0x8) field += 4;

  const lame = field;
  if (bytes.length < lame + 24) return null;
  const encoder = ascii(bytes, lame, 9);
  if (!/^[A-Za-z][A-Za-z0-9]{3}/.test(encoder)) return null; // no LAME extension here
  const d0 = bytes[lame + 21] ?? 0;
  const d1 = bytes[lame + 22] ?? 0;
  const d2 = bytes[lame + 23] ?? 0;
  const encoderDelay = (d0 << 4) | (d1 >> 4);
  const encoderPadding = ((d1 & 0x0f) << 8) | d2;
  const samplesPerFrame = mpeg1 ? 1152 : 576;

  return {
    encoderDelay,
    encoderPadding,
    encoder: encoder.replace(/[^\x20-\x7e]/g, ''),
    frames,
    samplesPerFrame,
    sampleRate,
    trimStartSamples: encoderDelay + MP3_DECODER_DELAY,
    trimEndSamples: Math.max(0, encoderPadding - MP3_DECODER_DELAY),
    totalSamples: frames === null ? null : frames * samplesPerFrame,
  };
}

export interface ItunSmpbInfo extends GaplessInfo {
  readonly priming: number;
  readonly padding: number;
  readonly originalSamples: number;
}

/**
 * Parses the iTunSMPB comment iTunes and most AAC encoders write (MP4 `----:com.apple.iTunes:
 * iTunSMPB`, or an ID3 COMM): space-separated hexadecimal fields, the first reserved, then
 * priming (encoder delay), padding and the original sample count (16 hex digits), then fields
 * that do not matter here, e.g. " 00000000 00000840 000001CA 00000000003F31F6 00000000 …".
 * Null when the text does not have that shape. The counts are in the file's sample rate, which
 * the comment does not carry: pass it when known.
 */
export function parseItunSmpb(text: string, sampleRate: number | null = null): ItunSmpbInfo | null {
  const fields = text.trim().split(/\s+/);
  if (fields.length < 4) return null;
  const numbers: number[] = [];
  for (const field of fields.slice(0, 4)) {
    if (!/^[0-9A-Fa-f]{1,16}$/.test(field)) return null;
    const value = parseInt(field, 16);
    if (!Number.isSafeInteger(value)) return null;
    numbers.push(value);
  }
  const [, priming = 0, padding = 0, originalSamples = 0] = numbers;
  return {
    priming,
    padding,
    originalSamples,
    trimStartSamples: priming,
    trimEndSamples: padding,
    sampleRate,
    totalSamples: originalSamples > 0 ? priming + originalSamples + padding : null,
  };
}
