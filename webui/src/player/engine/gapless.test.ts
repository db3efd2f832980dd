import { describe, expect, it } from 'vitest';
import {
  MP3_DECODER_DELAY,
  nextStartTime,
  parseItunSmpb,
  parseMp3Gapless,
  playableSpan,
  trimForBuffer,
} from './gapless';

function writeAscii(bytes: Uint8Array, at: number, text: string): void {
  for (let i = 0; i < text.length; i++) bytes[at + i] = text.charCodeAt(i);
}

function writeUint32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = (value >>> 24) & 0xff;
  bytes[at + 1] = (value >>> 16) & 0xff;
  bytes[at + 2] = (value >>> 8) & 0xff;
  bytes[at + 3] = value & 0xff;
}

/** 417 bytes: an MPEG-1 Layer III, 128 kbit/s, 44.1 kHz frame, written byte by byte. */
function frame(header: readonly number[], size = 417): Uint8Array {
  const bytes = new Uint8Array(size);
  header.forEach((b, i) => (bytes[i] = b));
  return bytes;
}

/** FF FB 90 00: sync, MPEG-1, Layer III, no CRC, 128 kbit/s, 44100 Hz, stereo. */
const MPEG1_STEREO = [0xff, 0xfb, 0x90, 0x00];

describe('playableSpan', () => {
  it('dropsTheTrimmedSamplesAndDividesBySampleRateOnlyAtTheEnd', () => {
    const span = playableSpan(44100 * 10, 44100, 1105, 700);

    expect(span.offsetSamples).toBe(1105);
    expect(span.lengthSamples).toBe(441000 - 1105 - 700);
    expect(span.offset).toBe(1105 / 44100);
    expect(span.duration).toBe((441000 - 1805) / 44100);
  });

  it('playsTheWholeBufferWithoutTrims', () => {
    expect(playableSpan(48000, 48000, 0, 0)).toEqual({
      offsetSamples: 0,
      lengthSamples: 48000,
      offset: 0,
      duration: 1,
    });
  });

  it('ignoresTrimsThatWouldLeaveNothingToPlay', () => {
    expect(playableSpan(1000, 1000, 600, 400).lengthSamples).toBe(1000);
    expect(playableSpan(1000, 1000, 2000, 0).offsetSamples).toBe(0);
  });

  it('treatsNegativeOrFractionalTrimsAsWholeNonNegativeSamples', () => {
    const span = playableSpan(1000, 1000, -5, 10.7);
    expect(span.offsetSamples).toBe(0);
    expect(span.lengthSamples).toBe(990);
  });
});

describe('nextStartTime', () => {
  it('placesEachTrackAtTheAnchorPlusAnIntegerSampleCount', () => {
    expect(nextStartTime(2, 44100, 44100)).toBe(3);
    expect(nextStartTime(0.25, 0, 48000)).toBe(0.25);
  });

  it('doesNotDriftOverAThousandTracksWhereAddingFloatDurationsDoes', () => {
    const sampleRate = 44100;
    let samples = 0;
    let floatSum = 0.1;
    for (let i = 0; i < 1000; i++) {
      samples += 44101;
      floatSum += 44101 / sampleRate;
    }

    expect(nextStartTime(0.1, samples, sampleRate)).toBe(0.1 + (1000 * 44101) / sampleRate);
    expect(floatSum).not.toBe(0.1 + (1000 * 44101) / sampleRate); // the naive sum has drifted
  });
});

describe('parseMp3Gapless', () => {
  it('readsDelayAndPaddingAt21BytesIntoTheLameTag120BytesAfterInfoWhenAllXingFieldsArePresent', () => {
    const bytes = frame(MPEG1_STEREO);
    const xing = 4 + 32; // header + MPEG-1 stereo side information
    writeAscii(bytes, xing, 'Info');
    writeUint32(bytes, xing + 4, 0x0000000f); // frames, bytes, TOC, quality
    writeUint32(bytes, xing + 8, 1000); // frames
    const lame = xing + 120;
    writeAscii(bytes, lame, 'LAME3.100');
    bytes[lame + 21] = 0x24; // delay 0x240 = 576
    bytes[lame + 22] = 0x04; // padding 0x4C8 = 1224
    bytes[lame + 23] = 0xc8;

    const info = parseMp3Gapless(bytes.buffer);

    expect(info).toEqual({
      encoderDelay: 576,
      encoderPadding: 1224,
      encoder: 'LAME3.100',
      frames: 1000,
      samplesPerFrame: 1152,
      sampleRate: 44100,
      trimStartSamples: 576 + 529,
      trimEndSamples: 1224 - 529,
      totalSamples: 1152000,
    });
  });

  it('findsTheLameTagRightAfterTheFieldsTheXingFlagsAnnounce', () => {
    const bytes = frame(MPEG1_STEREO);
    writeAscii(bytes, 36, 'Xing');
    writeUint32(bytes, 40, 0x00000001); // frames only
    writeUint32(bytes, 44, 50);
    writeAscii(bytes, 48, 'LAME3.99r');
    bytes[48 + 21] = 0xff;
    bytes[48 + 22] = 0xff;
    bytes[48 + 23] = 0xff;

    const info = parseMp3Gapless(bytes.buffer);

    expect(info?.encoderDelay).toBe(4095);
    expect(info?.encoderPadding).toBe(4095);
    expect(info?.frames).toBe(50);
  });

  it('returnsNoFrameCountAndNoTotalWhenTheXingFlagsOmitIt', () => {
    const bytes = frame(MPEG1_STEREO);
    writeAscii(bytes, 36, 'Info');
    writeUint32(bytes, 40, 0);
    writeAscii(bytes, 44, 'LAME3.100');
    bytes[44 + 21] = 0x24;

    const info = parseMp3Gapless(bytes.buffer);

    expect(info?.frames).toBeNull();
    expect(info?.totalSamples).toBeNull();
    expect(info?.encoderDelay).toBe(576);
  });

  it('skipsAnId3v2TagWithItsSyncsafeSize', () => {
    const tag = new Uint8Array(10 + 200);
    writeAscii(tag, 0, 'ID3');
    tag[3] = 4;
    tag[8] = 200 >> 7; // syncsafe 200 = 0x01 0x48
    tag[9] = 200 & 0x7f;
    const body = frame(MPEG1_STEREO);
    writeAscii(body, 36, 'Info');
    writeUint32(body, 40, 0x0f);
    writeAscii(body, 156, 'LAME3.100');
    body[177] = 0x24;
    body[178] = 0x04;
    body[179] = 0xc8;
    const bytes = new Uint8Array(tag.length + body.length);
    bytes.set(tag, 0);
    bytes.set(body, tag.length);

    expect(parseMp3Gapless(bytes.buffer)?.encoderPadding).toBe(1224);
  });

  it('usesSeventeenBytesOfSideInformationForMpeg1Mono', () => {
    const bytes = frame([0xff, 0xfb, 0x90, 0xc0]);
    writeAscii(bytes, 4 + 17, 'Info');
    writeUint32(bytes, 25, 0);
    writeAscii(bytes, 29, 'LAME3.100');
    bytes[29 + 21] = 0x24;

    expect(parseMp3Gapless(bytes.buffer)?.encoderDelay).toBe(576);
  });

  it('reads576SamplesPerFrameAndTheRateOfMpeg2', () => {
    // FF F3: MPEG-2 Layer III, no CRC; 0x80 bitrate 64k at 22050 Hz; stereo: 17 bytes side info.
    const bytes = frame([0xff, 0xf3, 0x80, 0x00], 300);
    writeAscii(bytes, 21, 'Xing');
    writeUint32(bytes, 25, 1);
    writeUint32(bytes, 29, 10);
    writeAscii(bytes, 33, 'LAME3.100');

    const info = parseMp3Gapless(bytes.buffer);

    expect(info?.sampleRate).toBe(22050);
    expect(info?.samplesPerFrame).toBe(576);
    expect(info?.totalSamples).toBe(5760);
  });

  it('placesTheTagAfterTheCrcWhenTheFrameIsProtected', () => {
    const bytes = frame([0xff, 0xfa, 0x90, 0x00]); // protection bit 0: 2 bytes of CRC
    writeAscii(bytes, 38, 'Info');
    writeUint32(bytes, 42, 0);
    writeAscii(bytes, 46, 'LAME3.100');
    bytes[46 + 21] = 0x24;

    expect(parseMp3Gapless(bytes.buffer)?.encoderDelay).toBe(576);
  });

  it('neverTrimsANegativeEndWhenPaddingIsShorterThanTheDecoderDelay', () => {
    const bytes = frame(MPEG1_STEREO);
    writeAscii(bytes, 36, 'Info');
    writeUint32(bytes, 40, 0);
    writeAscii(bytes, 44, 'LAME3.100');
    bytes[44 + 23] = 100; // padding 100

    const info = parseMp3Gapless(bytes.buffer);

    expect(info?.trimEndSamples).toBe(0);
    expect(info?.trimStartSamples).toBe(MP3_DECODER_DELAY);
  });

  it('returnsNullForAXingHeaderWithoutLameExtension', () => {
    const bytes = frame(MPEG1_STEREO);
    writeAscii(bytes, 36, 'Xing');
    writeUint32(bytes, 40, 0x0f);

    expect(parseMp3Gapless(bytes.buffer)).toBeNull();
  });

  it('returnsNullForAFrameWithoutXingOrInfo', () => {
    expect(parseMp3Gapless(frame(MPEG1_STEREO).buffer)).toBeNull();
  });

  it('returnsNullForBytesThatAreNotMp3', () => {
    expect(parseMp3Gapless(new Uint8Array([0x66, 0x4c, 0x61, 0x43, 0, 0, 0, 0]).buffer)).toBeNull();
    expect(parseMp3Gapless(new ArrayBuffer(0))).toBeNull();
    expect(parseMp3Gapless(frame([0xff, 0xfd, 0x90, 0x00]).buffer)).toBeNull(); // Layer II
  });
});

describe('parseItunSmpb', () => {
  it('readsPrimingPaddingAndTheOriginalSampleCountInHex', () => {
    const info = parseItunSmpb(
      ' 00000000 00000840 000001CA 00000000003F31F6 00000000 00000000 00000000 00000000',
      44100,
    );

    expect(info).toEqual({
      priming: 2112,
      padding: 458,
      originalSamples: 0x3f31f6,
      trimStartSamples: 2112,
      trimEndSamples: 458,
      sampleRate: 44100,
      totalSamples: 2112 + 0x3f31f6 + 458,
    });
  });

  it('returnsNullForTextThatIsNotAnItunSmpbValue', () => {
    expect(parseItunSmpb('')).toBeNull();
    expect(parseItunSmpb('00000000 00000840')).toBeNull();
    expect(parseItunSmpb('00000000 zz 000001CA 00000000003F31F6')).toBeNull();
  });
});

describe('trimForBuffer', () => {
  const info = { trimStartSamples: 1105, trimEndSamples: 695, sampleRate: 44100, totalSamples: 115200 };

  it('appliesBothTrimsWhenTheDecoderReturnedEverySample', () => {
    expect(trimForBuffer(info, 115200, 44100)).toEqual({ trimStartSamples: 1105, trimEndSamples: 695 });
  });

  it('trimsNothingWhenTheDecoderAlreadyTrimmed', () => {
    expect(trimForBuffer(info, 115200 - 1800, 44100)).toEqual({ trimStartSamples: 0, trimEndSamples: 0 });
  });

  it('trimsOnlyTheEndWhenTheDecoderDroppedOnlyTheStart', () => {
    expect(trimForBuffer(info, 115200 - 1105, 44100)).toEqual({ trimStartSamples: 0, trimEndSamples: 695 });
  });

  it('rescalesTheTrimsToTheRateTheBufferWasResampledTo', () => {
    expect(trimForBuffer(info, 125388, 48000)).toEqual({
      trimStartSamples: Math.round((1105 * 48000) / 44100),
      trimEndSamples: Math.round((695 * 48000) / 44100),
    });
  });

  it('appliesBothTrimsWhenTheTotalIsUnknown', () => {
    expect(trimForBuffer({ ...info, totalSamples: null }, 1000, 44100)).toEqual({
      trimStartSamples: 1105,
      trimEndSamples: 695,
    });
  });
});
