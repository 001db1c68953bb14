// Writes Viva's FSRS-6 reference vectors: random review sequences run
// through ts-fsrs's algorithm-level functions (FSRSAlgorithm.next_state,
// forgetting_curve, next_interval), fuzz off, so the file holds the
// model itself and not the card scheduler's minute learning steps.
//
// Run it through ./generate, which installs the pinned ts-fsrs into a
// temporary directory. Usage: node generate.mjs OUTPUT.json.gz [SEED]
//
// The sequences come from a seeded generator (mulberry32), so the same
// seed and the same ts-fsrs give the same file, byte for byte.

import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import {
  FSRSAlgorithm,
  generatorParameters,
  default_w,
  default_maximum_interval,
} from 'ts-fsrs';

// ts-fsrs does not export its package.json: read it beside this script.
const tsFsrsVersion = JSON.parse(readFileSync(
  new URL('node_modules/ts-fsrs/package.json', import.meta.url), 'utf8')).version;

const output = process.argv[2];
if (!output) {
  console.error('usage: node generate.mjs OUTPUT.json.gz [SEED]');
  process.exit(2);
}
const seed = Number(process.argv[3] ?? 20261206) >>> 0;

const N_SEQUENCES = 12000;
const MAX_REVIEWS = 20;
const DESIRED_RETENTION = 0.9;
// One sequence in four is scheduled at another retention.
const OTHER_RETENTIONS = [0.7, 0.75, 0.8, 0.85, 0.95, 0.97, 0.99];

function mulberry32 (a) {
  return function () {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(seed);
const randomInt = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));
const pick = (list) => list[Math.floor(random() * list.length)];

const algorithms = new Map();
function algorithmFor (retention) {
  if (!algorithms.has(retention)) {
    const params = generatorParameters({
      request_retention: retention,
      maximum_interval: default_maximum_interval,
      enable_fuzz: false,
      enable_short_term: true,
    });
    algorithms.set(retention, new FSRSAlgorithm(params));
  }
  return algorithms.get(retention);
}

// Grades as people give them: mostly Good, some of each of the others.
function randomGrade () {
  const x = random();
  if (x < 0.15) return 1;
  if (x < 0.30) return 2;
  if (x < 0.85) return 3;
  return 4;
}

// The gap before a review: same day, around the interval that was
// scheduled (early or late), a short gap, or a long one; never more than
// MAX_GAP days, about four years, however long the interval.
const MAX_GAP = 1500;
function randomElapsed (interval) {
  const x = random();
  if (x < 0.2) return 0;
  if (x < 0.65) return Math.min(MAX_GAP, Math.max(1, Math.round(interval * (0.3 + 1.7 * random()))));
  if (x < 0.85) return randomInt(1, 14);
  return randomInt(30, MAX_GAP);
}

const parameters = Array.from(algorithmFor(DESIRED_RETENTION).parameters.w);
if (parameters.length !== 21 || parameters.some((w, i) => w !== default_w[i])) {
  throw new Error('ts-fsrs clipped its own default parameters');
}

const sequences = [];
let nStates = 0;
for (let i = 0; i < N_SEQUENCES; i++) {
  const retention = random() < 0.75 ? DESIRED_RETENTION : pick(OTHER_RETENTIONS);
  const algorithm = algorithmFor(retention);
  const nReviews = randomInt(1, MAX_REVIEWS);
  const reviews = [];
  const states = [];
  let state = null;
  let interval = 0;

  for (let j = 0; j < nReviews; j++) {
    const grade = randomGrade();
    const elapsed = state === null ? 0 : randomElapsed(interval);
    const r = state === null ? null : algorithm.forgetting_curve(elapsed, state.stability);
    state = algorithm.next_state(state, elapsed, grade);
    interval = algorithm.next_interval(state.stability, elapsed);
    reviews.push([grade, elapsed]);
    states.push([state.stability, state.difficulty, r, interval]);
  }
  nStates += states.length;

  const sequence = { reviews, states };
  if (retention !== DESIRED_RETENTION)
    sequence.desired_retention = retention;
  sequences.push(sequence);
}

const vectors = {
  generator: `ts-fsrs ${tsFsrsVersion}`,
  seed,
  parameters,
  desired_retention: DESIRED_RETENTION,
  maximum_interval: default_maximum_interval,
  sequences,
};

// Gzip leaves the header's time at 0, so the file only changes when the
// vectors do.
writeFileSync(output, gzipSync(JSON.stringify(vectors) + '\n', { level: 9 }));
console.log(`${output}: ts-fsrs ${tsFsrsVersion}, seed ${seed}, ` +
            `${sequences.length} sequences, ${nStates} states`);
