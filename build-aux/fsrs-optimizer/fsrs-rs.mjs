// The fsrs-rs half of build-aux/fsrs-optimizer/compare: fits FSRSItems
// (written by tests/bench/viva-fsrs-compare.c) with fsrs-rs, and
// evaluates parameter sets with fsrs-rs's own evaluate.
//
// Two packages wrap fsrs-rs for Node:
//   fsrs-rs-nodejs 0.9.0 (its last release) wraps an fsrs-rs of the
//     FSRS-5 era: 19 parameters, a fixed decay of 0.5;
//   @open-spaced-repetition/binding 0.5.0, its successor (the same
//     authors moved it into the ts-fsrs repository), wraps fsrs 6.5.0:
//     FSRS-6, 21 parameters, the model Viva fits.
// Both are asked; the FSRS-6 one is the comparison proper.
//
// Usage: node fsrs-rs.mjs ITEMS.json [W,...]...   (parameter sets to evaluate)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const binding = require('@open-spaced-repetition/binding');
const legacy = require('fsrs-rs-nodejs');

const [itemsPath, ...toEvaluate] = process.argv.slice(2);
const { items } = JSON.parse(readFileSync(itemsPath, 'utf8'));

const fsrs6Items = items.map(
  (reviews) => new binding.FSRSBindingItem(reviews.map(([r, t]) => new binding.FSRSBindingReview(r, t))));
const fsrs5Items = items.map(
  (reviews) => new legacy.FSRSItem(reviews.map(([r, t]) => new legacy.FSRSReview(r, t))));

const out = {};

let start = performance.now();
out.fsrs6 = await binding.computeParameters(fsrs6Items, { enableShortTerm: true, numRelearningSteps: 1 });
out.fsrs6_seconds = (performance.now() - start) / 1000;
out.fsrs6_eval = new binding.FSRSBinding(out.fsrs6).evaluate(fsrs6Items);
out.fsrs6_defaults_eval = new binding.FSRSBinding().evaluate(fsrs6Items);
out.evaluated = toEvaluate.map((w) => new binding.FSRSBinding(w.split(',').map(Number)).evaluate(fsrs6Items));

start = performance.now();
out.fsrs5 = await new legacy.FSRS(null).computeParameters(fsrs5Items, true);
out.fsrs5_seconds = (performance.now() - start) / 1000;
out.fsrs5_eval = new legacy.FSRS(out.fsrs5).evaluate(fsrs5Items);
out.fsrs5_defaults_eval = new legacy.FSRS(null).evaluate(fsrs5Items);

console.log(JSON.stringify(out));
