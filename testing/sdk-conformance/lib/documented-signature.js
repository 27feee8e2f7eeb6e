'use strict';
// The signature as the protocol documents it (protocol reference §1.1) and the Java SDK computes it: every scalar
// becomes `path:value` (array elements by their index, ':' in a key doubled, true/false as 1/0, null as empty), the
// whole strings sorted in UTF-16 code-unit order (Java's String.compareTo, which is also JavaScript's default sort),
// joined with ';', HMAC-SHA-512 with the project's secret, Base64. It differs from the JS SDK's signer only in order:
// the JS SDK sorts each object's keys and, for arrays, walks the indices numerically (0, 1, 2, …, 10), where the
// documented order has 0, 10, 11, …, 1, 2, … — so the two agree exactly when no array has 11 or more elements.
// The suite uses it to show that a callback the JS SDK rejects is signed as documented, not wrongly; a merchant on
// the JS SDK can verify such callbacks with verify() below (README "Which official SDKs verify which callbacks").
const crypto = require('node:crypto');

function leaves(value, path, out) {
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      if (key !== 'frame_mode') {
        leaves(child, [...path, key.replaceAll(':', '::')], out);
      }
    }
  } else {
    const text = value === null ? '' : typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
    out.push(`${path.join(':')}:${text}`);
  }
  return out;
}

function stringToSign(unsigned) {
  return leaves(unsigned, [], []).sort().join(';');
}

function sign(unsigned, secret) {
  return crypto.createHmac('sha512', secret).update(stringToSign(unsigned), 'utf8').digest('base64');
}

/**
 * Verifies a callback's raw body as the documented algorithm (and the Java SDK) does: the top-level signature, or
 * general.signature when there is none, removed and compared in constant time with the one computed.
 */
function verify(rawCallback, secret) {
  const unsigned = JSON.parse(rawCallback);
  let provided = unsigned.signature;
  if (provided !== undefined) {
    delete unsigned.signature;
  } else if (unsigned.general && typeof unsigned.general === 'object') {
    provided = unsigned.general.signature;
    delete unsigned.general.signature;
  }
  if (typeof provided !== 'string') {
    return false;
  }
  const expected = Buffer.from(sign(unsigned, secret));
  const given = Buffer.from(provided);
  return expected.length === given.length && crypto.timingSafeEqual(expected, given);
}

module.exports = { stringToSign, sign, verify };
