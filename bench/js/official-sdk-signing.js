// Signing throughput of the official ECommPay JavaScript SDK (npm `ecommpay`, as testing/sdk-conformance's lockfile
// pins it) on the document the Java SigningProbe signs: the SDK's own signer (flatten, sort, HMAC-SHA512, Base64)
// of the unsigned 10-voucher payout callback, measured the way SigningProbe measures `Signer.sign`.
//
// Usage: node official-sdk-signing.js <sdk-conformance dir> <input.json> <warm-up s> <windows> <window s>
//   input.json: {"secret": "...", "document": {...unsigned callback...}, "signature": "<Signer.sign's>"}
// Prints one line `BENCH-RESULT {json}`: ops/s per window (median, min, max), the SDK's version, and whether the
// SDK's signature equals ours (it must: a 10-voucher callback signs alike in every SDK's order).
'use strict';

const fs = require('fs');
const path = require('path');

const [sdkDir, inputFile, warmUpText, windowsText, windowText] = process.argv.slice(2);
const sdkRequire = require('module').createRequire(path.join(path.resolve(sdkDir), 'package.json'));
const signer = sdkRequire('ecommpay').signer;
const sdkVersion = sdkRequire('ecommpay/package.json').version;

const input = JSON.parse(fs.readFileSync(inputFile, 'utf8'));
const { secret, document } = input;

// The SDK signs the object it is given; Callback.isValid() signs the parsed callback the same way.
const signature = signer(document, secret);

let sink = 0;
function run(nanos) {
  const started = process.hrtime.bigint();
  const end = started + BigInt(Math.round(nanos));
  let operations = 0;
  let current;
  do {
    sink += signer(document, secret).length;
    operations += 1;
    current = process.hrtime.bigint();
  } while (current < end);
  return operations / (Number(current - started) / 1e9);
}

run(Number(warmUpText) * 1e9);
const windows = Number(windowsText);
const rates = [];
for (let w = 0; w < windows; w += 1) {
  rates.push(run(Number(windowText) * 1e9));
}
rates.sort((a, b) => a - b);
const result = {
  sdk_version: sdkVersion,
  node_version: process.versions.node,
  signature_matches: signature === input.signature ? 1 : 0,
  ops_per_s_median: rates[Math.floor(rates.length / 2)],
  ops_per_s_min: rates[0],
  ops_per_s_max: rates[rates.length - 1],
  sink: sink % 7,
};
console.log(`BENCH-RESULT ${JSON.stringify(result)}`);
