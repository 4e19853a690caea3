// The demo's Vite plugins: the local hub's paths and files, and the generated icons.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { iconFiles, iconPng, iconSvg } from '../vite/icon.js';
import { locateHubFile, modelFiles } from '../vite/local-hub.js';

function fixtureModel(): string {
  const dir = mkdtempSync(join(tmpdir(), 'demo-hub-'));
  mkdirSync(join(dir, 'onnx'));
  for (const file of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'testkit.json', 'expected.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx']) {
    writeFileSync(join(dir, file), file);
  }
  return dir;
}

describe('local hub', () => {
  const dir = fixtureModel();
  const models = { 'webrerank-test/tiny': dir };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('maps /{id}/resolve/{revision}/{file} into the model folder', () => {
    expect(locateHubFile(models, '/webrerank-test/tiny/resolve/main/onnx/model.onnx')).toEqual({ file: join(dir, 'onnx/model.onnx') });
    expect(locateHubFile(models, '/webrerank-test/tiny/resolve/refs%2Fpr%2F1/config.json')).toEqual({ file: join(dir, 'config.json') });
  });

  it('answers the hub\'s two 404s, and never leaves the folder', () => {
    expect(locateHubFile(models, '/webrerank-test/missing/resolve/main/config.json')).toEqual({ error: 'RepositoryNotFound' });
    expect(locateHubFile(models, '/webrerank-test/tiny/resolve/main/onnx/model_q4.onnx')).toEqual({ error: 'EntryNotFound' });
    expect(locateHubFile(models, '/webrerank-test/tiny/resolve/main/../../../etc/passwd')).toEqual({ error: 'EntryNotFound' });
    expect(locateHubFile(models, '/webrerank-test/tiny/resolve/main/%2e%2e/%2e%2e/x')).toEqual({ error: 'EntryNotFound' });
    expect(locateHubFile(models, '/webrerank-test/tiny/tree/main/config.json')).toEqual({ error: 'RepositoryNotFound' });
  });

  it('copies only what a hub repository holds into the build', () => {
    expect(modelFiles(dir).sort()).toEqual(['config.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx', 'tokenizer.json', 'tokenizer_config.json']);
  });
});

/** Width, height and the RGBA pixel at (x, y) of an 8-bit RGBA PNG without filters. */
function decodePng(png: Buffer): { width: number; height: number; pixel: (x: number, y: number) => number[] } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat = png.indexOf('IDAT');
  const raw = inflateSync(png.subarray(idat + 4, idat + 4 + png.readUInt32BE(idat - 4)));
  return { width, height, pixel: (x, y) => [...raw.subarray(y * (width * 4 + 1) + 1 + x * 4, y * (width * 4 + 1) + 5 + x * 4)] };
}

describe('icons', () => {
  it('PNGs of the asked size: transparent rounded corners, the blue square, white bars', () => {
    for (const size of [192, 512]) {
      const png = decodePng(iconPng(size));
      expect([png.width, png.height]).toEqual([size, size]);
      expect(png.pixel(0, 0)[3]).toBe(0);
      expect(png.pixel(size / 2, Math.round(size * 0.03))).toEqual([0x1f, 0x4e, 0x8c, 255]);
      expect(png.pixel(Math.round(size * 0.5), Math.round(size * (9 / 32)))).toEqual([255, 255, 255, 255]);
    }
  });

  it('the maskable icon fills its square', () => {
    expect(decodePng(iconPng(512, { maskable: true })).pixel(0, 0)).toEqual([0x1f, 0x4e, 0x8c, 255]);
  });

  it('the SVG and the files the manifest names', () => {
    expect(iconSvg()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 32 32">/);
    expect(Object.keys(iconFiles())).toEqual(['favicon.svg', 'icons/icon-192.png', 'icons/icon-512.png', 'icons/maskable-512.png', 'icons/apple-touch-icon.png']);
  });
});
