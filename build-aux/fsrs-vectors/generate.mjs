// Writes Viva's FSRS-6 reference vectors, two files:
//
//  - MODEL: random review sequences run through ts-fsrs's algorithm-level
//    functions (FSRSAlgorithm.next_state, forgetting_curve,
//    next_interval), fuzz off: the model itself, in whole days;
//  - CARDS: random review sequences with real timestamps (minutes,
//    hours and months apart) run through ts-fsrs's card scheduler,
//    fsrs({ enable_fuzz: false, enable_short_term: true }).next(), with
//    its default learning steps: the due date, state, memory and
//    learning step after every review.
//
// Run it through ./generate, which installs the pinned ts-fsrs into a
// temporary directory. Usage: node generate.mjs MODEL.json.gz
// CARDS.json.gz [SEED]
//
// The sequences come from seeded generators (mulberry32; the cards from
// SEED + 1, so adding them left the model file as it was), so the same
// seed and the same ts-fsrs give the same files, byte for byte.

import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import {
  FSRSAlgorithm,
  generatorParameters,
  default_w,
  default_maximum_interval,
  default_learning_steps,
  default_relearning_steps,
  fsrs,
  createEmptyCard,
} from 'ts-fsrs';

// ts-fsrs does not export its package.json: read it beside this script.
const tsFsrsVersion = JSON.parse(readFileSync(
  new URL('node_modules/ts-fsrs/package.json', import.meta.url), 'utf8')).version;

const output = process.argv[2];
const cardsOutput = process.argv[3];
if (!output || !cardsOutput) {
  console.error('usage: node generate.mjs MODEL.json.gz CARDS.json.gz [SEED]');
  process.exit(2);
}
const seed = Number(process.argv[4] ?? 20261206) >>> 0;

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

// The card scheduler, as a user meets it: reviews at real times, in
// milliseconds since 1970, whole seconds. Days are UTC days, ts-fsrs's
// (dateDiffInDays); Viva compares with its review days in UTC from
// midnight.

const N_CARD_SEQUENCES = 5000;
const CARD_RETENTIONS = [0.7, 0.75, 0.8, 0.85, 0.95, 0.97];
const MINUTE_MS = 60 * 1000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
// 2015-01-01 to 2035-01-01.
const FIRST_START = Date.UTC(2015, 0, 1) / 1000;
const LAST_START = Date.UTC(2035, 0, 1) / 1000;

const cardRandom = mulberry32((seed + 1) >>> 0);
const cardInt = (lo, hi) => lo + Math.floor(cardRandom() * (hi - lo + 1));
function cardGrade () {
  const x = cardRandom();
  if (x < 0.15) return 1;
  if (x < 0.30) return 2;
  if (x < 0.85) return 3;
  return 4;
}

// When the next review comes: when it is due (minutes after a learning
// step, days after a review), minutes or hours after the last one (the
// same day or not), around the interval (early or late), or months later.
function nextReviewTime (last, card) {
  const x = cardRandom();
  if (x < 0.30) return card.due.getTime() + cardInt(0, 300) * 1000;
  if (x < 0.50) return last + cardInt(1, 30) * MINUTE_MS + cardInt(0, 59) * 1000;
  if (x < 0.65) return last + cardInt(1, 47) * HOUR_MS + cardInt(0, 3599) * 1000;
  if (x < 0.85) {
    const scheduled = Math.max(1, card.scheduled_days);
    return last + Math.round(scheduled * (0.3 + 1.7 * cardRandom()) * DAY_MS / 1000) * 1000;
  }
  return last + cardInt(30, 1000) * DAY_MS + cardInt(0, 86399) * 1000;
}

const schedulers = new Map();
function schedulerFor (retention) {
  if (!schedulers.has(retention)) {
    schedulers.set(retention, fsrs({
      request_retention: retention,
      maximum_interval: default_maximum_interval,
      enable_fuzz: false,
      enable_short_term: true,
    }));
  }
  return schedulers.get(retention);
}

const cardSequences = [];
let nCards = 0;
for (let i = 0; i < N_CARD_SEQUENCES; i++) {
  const retention = cardRandom() < 0.75 ? DESIRED_RETENTION : CARD_RETENTIONS[Math.floor(cardRandom() * CARD_RETENTIONS.length)];
  const scheduler = schedulerFor(retention);
  const nReviews = cardInt(1, MAX_REVIEWS);
  let time = cardInt(FIRST_START, LAST_START) * 1000;
  let card = createEmptyCard(new Date(time));
  const reviews = [];
  const cards = [];

  for (let j = 0; j < nReviews; j++) {
    if (j > 0)
      time = nextReviewTime(time, card);
    const grade = cardGrade();
    card = scheduler.next(card, new Date(time), grade).card;
    reviews.push([time, grade]);
    cards.push([card.due.getTime(), card.state, card.stability, card.difficulty,
                card.scheduled_days, card.lapses, card.learning_steps]);
  }
  nCards += cards.length;

  const sequence = { reviews, cards };
  if (retention !== DESIRED_RETENTION)
    sequence.desired_retention = retention;
  cardSequences.push(sequence);
}

const cardVectors = {
  generator: `ts-fsrs ${tsFsrsVersion}`,
  seed: (seed + 1) >>> 0,
  parameters,
  desired_retention: DESIRED_RETENTION,
  maximum_interval: default_maximum_interval,
  learning_steps: default_learning_steps,
  relearning_steps: default_relearning_steps,
  // Each review: [time in ms since 1970, grade]; each card after it:
  // [due in ms, state (0 new, 1 learning, 2 review, 3 relearning),
  //  stability, difficulty, scheduled days, lapses, learning step].
  sequences: cardSequences,
};

writeFileSync(cardsOutput, gzipSync(JSON.stringify(cardVectors) + '\n', { level: 9 }));
console.log(`${cardsOutput}: ts-fsrs ${tsFsrsVersion}, seed ${(seed + 1) >>> 0}, ` +
            `${cardSequences.length} sequences, ${nCards} reviews`);
