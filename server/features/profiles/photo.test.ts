import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeImageBytes } from '../../../test/factories.ts';
import { detectImageType } from './photo.ts';

const TINY_PNG = makeImageBytes('image/png');

describe('detectImageType', () => {
  it('recognises JPEG, PNG and WebP by their first bytes', () => {
    expect(detectImageType(makeImageBytes('image/jpeg'))).toBe('image/jpeg');
    expect(detectImageType(TINY_PNG)).toBe('image/png');
    expect(detectImageType(makeImageBytes('image/webp'))).toBe('image/webp');
  });

  it('refuses GIFs, text, truncated signatures and RIFF files that are not WebP', () => {
    expect(detectImageType(Buffer.from('GIF89a...'))).toBeNull();
    expect(detectImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectImageType(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(detectImageType(TINY_PNG.subarray(0, 7))).toBeNull();
    expect(detectImageType(Buffer.concat([Buffer.from('RIFF'), Buffer.from([1, 2, 3, 4]), Buffer.from('WAVEfmt ')]))).toBeNull();
    expect(detectImageType(new Uint8Array())).toBeNull();
  });

  it('never accepts bytes that start with none of the signatures', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const type = detectImageType(bytes);
        const head = Buffer.from(bytes.subarray(0, 4)).toString('latin1');
        if (type !== null) expect([0xff, 0x89].includes(bytes[0]) || head === 'RIFF').toBe(true);
      }),
    );
  });
});
