import type { Pair } from '../../src/api.js';

const QUERIES = [
  'what is panda?',
  'how do I list files in a directory?',
  'best way to cook rice',
  'who wrote the theory of relativity',
  'symptoms of the common cold',
];

const PASSAGES = [
  'The giant panda is a bear species endemic to China, known for eating bamboo.',
  'Pandas are bears.',
  'The ls command lists directory contents, sorted alphabetically by default.',
  'Use ls -la to include hidden files and show permissions, owners and sizes.',
  'Rinse the rice, add one and a half cups of water per cup, simmer covered for 18 minutes.',
  'A rice cooker keeps rice warm after cooking and rarely burns it.',
  'Albert Einstein published the special theory of relativity in 1905.',
  'General relativity describes gravity as the curvature of spacetime.',
  'A cold usually starts with a sore throat, then a runny nose and sneezing.',
  'hi',
];

/** Fifty (query, passage) pairs: every query against every passage, of mixed lengths and topics. */
export const BATTERY_50: Pair[] = QUERIES.flatMap((q) => PASSAGES.map((p): Pair => [q, p]));
