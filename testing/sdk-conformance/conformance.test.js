'use strict';
// The official ECommPay JavaScript SDK (npm `ecommpay`, pinned in package-lock.json) against a running sandbox:
// it verifies every kind of result callback with its Callback class, builds Payment Page URLs with its Payment
// class that the sandbox opens, and signs Gate requests with its signer that the sandbox accepts.
// Run: testing/sdk-conformance/run (README "Tests"). The suite starts bin/sandbox itself, on a free port.
const { describe, test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { Callback, Payment, signer } = require('ecommpay');
const { Sandbox } = require('./lib/sandbox');
const { MerchantEndpoint } = require('./lib/merchant');
const documented = require('./lib/documented-signature');
// The SDK's string-to-sign, as its signer builds it (src/signer.js: converter(obj, ['frame_mode'])).
const sdkConverter = require('ecommpay/src/converter');

const sdkStringToSign = (unsigned) => sdkConverter(unsigned, ['frame_mode']);

const MAIN = { id: 9101, secret: 'conformance-secret-9101' };
const STUCK = { id: 9102, secret: 'conformance-secret-9102' }; // the provider never finishes: 20602 at the limit
const POOR = { id: 9103, secret: 'conformance-secret-9103' }; // 10.00 EUR to pay out: a larger payout is 3028
const VOUCHER = { number: '4619000000000000017', expiration: '12/2030', security_code: '1234' };
const RUN = Date.now().toString(36); // payment ids are new on every run
const TOKEN = { token: 'conformance-token', secret: 'conformance-token-secret' }; // Data API: may read MAIN only

let sandbox;
const merchant = new MerchantEndpoint();

function project({ id, secret }, overrides) {
  return {
    project_id: id,
    secret_key: secret,
    callback_url: merchant.url(`/callbacks/${id}`),
    test: true,
    currencies: ['EUR'],
    base_time_seconds: 1,
    limit_time_seconds: 30,
    balances: { EUR: 10_000_000 },
    sandbox: { provider_notifications: 'normal', provider_delay_seconds: 0 },
    ...overrides,
  };
}

before(async () => {
  await merchant.listen();
  sandbox = await Sandbox.start({
    api_tokens: [{ token: TOKEN.token, secret_key: TOKEN.secret, projects: [MAIN.id] }],
    projects: [
      project(MAIN),
      project(STUCK, { limit_time_seconds: 2, sandbox: { provider_notifications: 'stuck' } }),
      project(POOR, { balances: { EUR: 1000 } }),
    ],
  }, { startTimeoutMs: 15 * 60_000 }); // the first bin/sandbox on a machine builds the jars
}, { timeout: 16 * 60_000 });

after(async () => {
  await sandbox?.stop();
  await merchant.close();
});

/** A Gate request signed with the SDK's signer, in general.signature, as ECommPay's Gate takes it. */
function signedWithSdk(body, secret) {
  return { ...body, general: { ...body.general, signature: signer(body, secret) } };
}

async function post(path, body) {
  const response = await fetch(`${sandbox.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

function saleBody({ id }, paymentId, amount) {
  return {
    general: { project_id: id, payment_id: paymentId },
    customer: { id: 'customer-1', ip_address: '192.0.2.10' },
    account: { ...VOUCHER },
    payment: { amount, currency: 'EUR', description: `sale ${paymentId}` },
  };
}

function payoutBody({ id }, paymentId, amount) {
  return {
    general: { project_id: id, payment_id: paymentId },
    customer: { id: 'customer-1', ip_address: '192.0.2.10' },
    payment: { amount, currency: 'EUR', description: `payout ${paymentId}` },
  };
}

/** Sends a request signed by the SDK; the sandbox must accept it (200, status success). */
async function accepted(path, body, account) {
  const answer = await post(path, signedWithSdk(body, account.secret));
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  assert.equal(answer.body.status, 'success');
  assert.equal(answer.body.payment_id, body.general.payment_id);
  return answer.body;
}

async function sale(account, paymentId, amount) {
  await accepted('/v2/payment/voucher/jeton/sale', saleBody(account, paymentId, amount), account);
  return merchant.callbackFor(paymentId);
}

async function payout(account, paymentId, amount) {
  await accepted('/v2/payment/voucher/jeton/payout', payoutBody(account, paymentId, amount), account);
  return merchant.callbackFor(paymentId);
}

/** The SDK's own check, as its README shows it: the constructor throws 'Invalid signature' or the callback is good. */
function verifiedBySdk(rawCallback, secret) {
  return new Callback(secret, rawCallback);
}

function withoutSignature(rawCallback) {
  const { signature, ...unsigned } = JSON.parse(rawCallback);
  return { signature, unsigned };
}

describe('the SDK verifies every kind of result callback', { concurrency: true }, () => {
  test('a successful sale', async () => {
    const raw = await sale(MAIN, `sale-ok-${RUN}`, 1000);
    const callback = verifiedBySdk(raw, MAIN.secret);
    assert.equal(callback.isPaymentSuccess(), true);
    assert.equal(callback.getPaymentId(), `sale-ok-${RUN}`);
    assert.equal(callback.callback.operation.code, '0');
  });

  test('a declined sale (testing mode: 40000 declines with 20000)', async () => {
    const callback = verifiedBySdk(await sale(MAIN, `sale-decline-${RUN}`, 40000), MAIN.secret);
    assert.equal(callback.isPaymentSuccess(), false);
    assert.equal(callback.callback.payment.status, 'decline');
    assert.equal(callback.callback.operation.code, '20000');
    assert.equal(callback.callback.operation.message, 'General decline');
  });

  test('a sale the provider never finishes: declined at the limit time with 20602 Time-out', async () => {
    const callback = verifiedBySdk(await sale(STUCK, `sale-timeout-${RUN}`, 1000), STUCK.secret);
    assert.equal(callback.callback.payment.status, 'decline');
    assert.equal(callback.callback.operation.code, '20602');
    assert.equal(callback.callback.operation.message, 'Time-out');
  });

  test('a payout the provider never finishes: 20602 Time-out', async () => {
    const callback = verifiedBySdk(await payout(STUCK, `payout-timeout-${RUN}`, 1000), STUCK.secret);
    assert.equal(callback.callback.payment.type, 'payout');
    assert.equal(callback.callback.operation.code, '20602');
  });

  test('a payout over the merchant balance: 3028 Insufficient funds on merchant balance', async () => {
    const callback = verifiedBySdk(await payout(POOR, `payout-3028-${RUN}`, 5000), POOR.secret);
    assert.equal(callback.callback.payment.status, 'decline');
    assert.equal(callback.callback.operation.code, '3028');
    assert.equal(callback.callback.operation.message, 'Insufficient funds on merchant balance');
  });

  test('a payout of 1250.00 EUR with its three vouchers', async () => {
    const callback = verifiedBySdk(await payout(MAIN, `payout-3-${RUN}`, 125_000), MAIN.secret);
    assert.equal(callback.isPaymentSuccess(), true);
    const vouchers = callback.callback.provider_extra_fields.vouchers;
    assert.deepEqual(vouchers.map((voucher) => voucher.amount), [50_000, 50_000, 25_000]);
    for (const voucher of vouchers) {
      assert.match(voucher.voucherNumber, /^\d{19}$/);
      assert.match(voucher.securityCode, /^\d{4}$/);
    }
  });

  test('a payout of ten vouchers (5000.00 EUR), the most one array may have for every SDK to agree', async () => {
    const callback = verifiedBySdk(await payout(MAIN, `payout-10-${RUN}`, 500_000), MAIN.secret);
    assert.equal(callback.callback.provider_extra_fields.vouchers.length, 10);
  });

  // Protocol reference §1.4: with 11 or more array elements the SDKs order the indices differently. The platform
  // signs in the documented (Java SDK) order, 0, 10, 11, …, 1, 2, …; the JS SDK walks 0, 1, 2, …, 10, so its
  // Callback class refuses these callbacks. Expected, exactly: the SDK throws, and the signature is the documented one.
  for (const [count, amount] of [[11, 550_000], [50, 2_500_000]]) {
    test(`a payout of ${count} vouchers: the JS SDK refuses it, and its signature is the documented one`, async () => {
      const raw = await payout(MAIN, `payout-${count}-${RUN}`, amount);
      assert.throws(() => verifiedBySdk(raw, MAIN.secret), { message: 'Invalid signature' });
      const { signature, unsigned } = withoutSignature(raw);
      assert.equal(unsigned.payment.status, 'success');
      assert.equal(unsigned.provider_extra_fields.vouchers.length, count);
      assert.equal(documented.sign(unsigned, MAIN.secret), signature);
      assert.equal(documented.verify(raw, MAIN.secret), true);
      assert.equal(documented.verify(raw, 'another-secret'), false);
      assert.notEqual(signer(unsigned, MAIN.secret), signature);
      // The JS SDK signs the same items; only the order of the vouchers differs.
      const sdkItems = sdkStringToSign(unsigned).split(';');
      const documentedItems = documented.stringToSign(unsigned).split(';');
      assert.deepEqual([...sdkItems].sort(), documentedItems);
      const outsideVouchers = (item) => voucherIndex(item) === undefined;
      assert.deepEqual(sdkItems.filter(outsideVouchers), documentedItems.filter(outsideVouchers));
      const indices = (items) => [...new Set(items.map(voucherIndex).filter((index) => index !== undefined))];
      assert.deepEqual(indices(sdkItems), [...Array(count).keys()]);
      // Documented: the whole `path:value` strings sorted, so `vouchers:10:…` comes before `vouchers:1:…`.
      const byIndexText = [...Array(count).keys()].sort((a, b) => (`${a}:` < `${b}:` ? -1 : 1));
      assert.deepEqual(indices(documentedItems), byIndexText);
    });
  }

  test('a callback changed after signing is refused', async () => {
    const raw = await sale(MAIN, `sale-tampered-${RUN}`, 1500);
    verifiedBySdk(raw, MAIN.secret);
    const tampered = JSON.parse(raw);
    tampered.payment.sum.amount += 1;
    assert.throws(() => verifiedBySdk(JSON.stringify(tampered), MAIN.secret), { message: 'Invalid signature' });
    assert.throws(() => verifiedBySdk(raw, 'another-secret'), { message: 'Invalid signature' });
  });
});

/** The index of a `provider_extra_fields:vouchers:N:…` item of a string-to-sign; undefined for other items. */
function voucherIndex(item) {
  const match = /^provider_extra_fields:vouchers:(\d+):/.exec(item);
  return match ? Number(match[1]) : undefined;
}

describe('the SDK signs Gate requests the sandbox accepts', () => {
  test('a sale and a payout signed by the SDK are accepted, and the result callback follows', async () => {
    const saleAck = await accepted('/v2/payment/voucher/jeton/sale', saleBody(MAIN, `gate-sale-${RUN}`, 2000), MAIN);
    assert.equal(saleAck.project_id, MAIN.id);
    const payoutAck = await accepted('/v2/payment/voucher/jeton/payout', payoutBody(MAIN, `gate-payout-${RUN}`, 2000), MAIN);
    assert.equal(payoutAck.project_id, MAIN.id);
    verifiedBySdk(await merchant.callbackFor(`gate-sale-${RUN}`), MAIN.secret);
    verifiedBySdk(await merchant.callbackFor(`gate-payout-${RUN}`), MAIN.secret);
  });

  test('a status request signed by the SDK is answered, and the SDK verifies the signed answer', async () => {
    const paymentId = `gate-status-${RUN}`;
    await sale(MAIN, paymentId, 3000);
    const answer = await post('/v2/payment/status', signedWithSdk({ general: { project_id: MAIN.id, payment_id: paymentId } }, MAIN.secret));
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const status = verifiedBySdk(JSON.stringify(answer.body), MAIN.secret);
    assert.equal(status.getPaymentId(), paymentId);
    assert.equal(status.isPaymentSuccess(), true);
  });

  test('a request changed after the SDK signed it is refused with 3261', async () => {
    const signed = signedWithSdk(saleBody(MAIN, `gate-tampered-${RUN}`, 2000), MAIN.secret);
    signed.payment.amount = 2001;
    const answer = await post('/v2/payment/voucher/jeton/sale', signed);
    assert.equal(answer.status, 400);
    assert.equal(answer.body.code, '3261');
  });
});

/** The page's hidden form field, as the page's script reads it (HTML attribute text decoded). */
function hiddenField(html, name) {
  const match = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  assert.ok(match, `the page has no form field ${name}`);
  return match[1].replace(/&(amp|quot|#39|#x27|lt|gt);/g, (_, entity) => ({
    amp: '&', quot: '"', '#39': "'", '#x27': "'", lt: '<', gt: '>',
  })[entity]);
}

describe('the SDK builds Payment Page URLs the sandbox opens', () => {
  function paymentUrl(paymentId, extra = {}) {
    const payment = new Payment(String(MAIN.id), MAIN.secret, {}, sandbox.baseUrl);
    payment.paymentId = paymentId;
    payment.paymentAmount = 1000;
    payment.paymentCurrency = 'EUR';
    payment.customerId = 'customer-1';
    payment.forcePaymentMethod = 'jetonVoucher';
    payment.languageCode = 'en';
    Object.assign(payment, extra);
    return payment.getUrl();
  }

  test('the page opens with the voucher form (signature accepted), and a voucher paid there is a sale the SDK verifies', async () => {
    const paymentId = `page-${RUN}`;
    const url = paymentUrl(paymentId, { paymentDescription: 'Заказ №7 & co; 50% off' });
    assert.ok(url.startsWith(`${sandbox.baseUrl}/payment?project_id=${MAIN.id}&interface_type=`), url);
    const page = await fetch(url);
    const html = await page.text();
    assert.equal(page.status, 200, html);
    assert.doesNotMatch(html, /id="error-code"/);

    const submitted = await fetch(`${sandbox.baseUrl}/payment/submit`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: sandbox.baseUrl },
      body: JSON.stringify({
        payment_request: hiddenField(html, 'payment_request'),
        form_token: hiddenField(html, 'form_token'),
        ...VOUCHER,
      }),
    });
    assert.equal(submitted.status, 200, await submitted.clone().text());
    assert.equal((await submitted.json()).status, 'processing');
    const callback = verifiedBySdk(await merchant.callbackFor(paymentId), MAIN.secret);
    assert.equal(callback.isPaymentSuccess(), true);
    assert.equal(callback.callback.payment.description, 'Заказ №7 & co; 50% off');
  });

  test('frame_mode, which the SDK leaves unsigned, does not break the signature', async () => {
    const page = await fetch(paymentUrl(`page-frame-${RUN}`, { frameMode: 'popup' }));
    assert.equal(page.status, 200, await page.text());
  });

  test('a URL changed after the SDK signed it opens the error page with 3261', async () => {
    const url = paymentUrl(`page-tampered-${RUN}`).replace('payment_amount=1000', 'payment_amount=100000');
    const page = await fetch(url);
    const html = await page.text();
    assert.equal(page.status, 400, html);
    assert.match(html, /<span id="error-code">3261<\/span>/);
  });
});

/** Today's date and tomorrow's in UTC, as a Data API interval. */
function today() {
  const from = new Date().toISOString().slice(0, 10);
  const to = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

// Issue 14, point by point, with the SDK on the merchant's side: what an existing ECommPay integration sends.
describe('an existing integration works unchanged, each point through the SDK', () => {
  test('Data API: a token request signed by the SDK is answered in ECommPay\'s shape, signed with the token secret', async () => {
    const paymentId = `data-api-${RUN}`;
    await sale(MAIN, paymentId, 2500);
    const byPayment = { token: TOKEN.token, project_id: [MAIN.id], payment_id: paymentId, time_zone: 'UTC' };
    const answer = await post('/v1/operations/get-by-payment', { ...byPayment, signature: signer(byPayment, TOKEN.secret) });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const verified = verifiedBySdk(JSON.stringify(answer.body), TOKEN.secret).callback; // the SDK's check of a signed body
    assert.equal(verified.operations.length, 1);
    assert.equal(verified.operations[0].payment_id, paymentId);
    assert.equal(verified.operations[0].operation_status, 'success');

    const list = { token: TOKEN.token, interval: today(), time_zone: 'UTC', limit: 1, offset: 0, fields: ['payment_id'] };
    const page = await post('/v1/operations/get', { ...list, signature: signer(list, TOKEN.secret) });
    assert.equal(page.status, 200, JSON.stringify(page.body));
    assert.equal(verifiedBySdk(JSON.stringify(page.body), TOKEN.secret).callback.operations.length, 1);

    const balance = { token: TOKEN.token, project_id: [MAIN.id] };
    const balances = await post('/v1/balance/get', { ...balance, signature: signer(balance, TOKEN.secret) });
    assert.equal(balances.status, 200, JSON.stringify(balances.body));
    verifiedBySdk(JSON.stringify(balances.body), TOKEN.secret);

    const foreign = { token: TOKEN.token, project_id: [STUCK.id], payment_id: paymentId };
    const refused = await post('/v1/operations/get-by-payment', { ...foreign, signature: signer(foreign, TOKEN.secret) });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.code, '2442');
  });

  test('general.merchant_callback_url: the callback goes to the URL the request named', async () => {
    const paymentId = `own-url-${RUN}`;
    const body = saleBody(MAIN, paymentId, 1200);
    body.general.merchant_callback_url = merchant.url(`/own/${paymentId}`);
    await accepted('/v2/payment/voucher/jeton/sale', body, MAIN);
    verifiedBySdk(await merchant.callbackFor(paymentId), MAIN.secret);
    const deliveries = merchant.received.filter((callback) => paymentIdOf(callback.body) === paymentId);
    assert.deepEqual(deliveries.map((callback) => callback.path), [`/own/${paymentId}`]);
  });

  test('test mode takes arbitrary voucher data: an expiry in the past is accepted and paid', async () => {
    const paymentId = `expired-${RUN}`;
    const body = saleBody(MAIN, paymentId, 1300);
    body.account = { number: '1234567890123456789', expiration: '07/2019', security_code: '0000' };
    await accepted('/v2/payment/voucher/jeton/sale', body, MAIN);
    assert.equal(verifiedBySdk(await merchant.callbackFor(paymentId), MAIN.secret).isPaymentSuccess(), true);
  });

  test('the Payment Page speaks the language_code the SDK sends: ru and en', async () => {
    for (const [language, phrase] of [['ru', /Номер ваучера/], ['en', /Voucher number/]]) {
      const payment = new Payment(String(MAIN.id), MAIN.secret, {}, sandbox.baseUrl);
      Object.assign(payment, {
        paymentId: `page-${language}-${RUN}`, paymentAmount: 1000, paymentCurrency: 'EUR', customerId: 'customer-1',
        forcePaymentMethod: 'jetonVoucher', languageCode: language,
      });
      const page = await fetch(payment.getUrl());
      const html = await page.text();
      assert.equal(page.status, 200, html);
      assert.match(html, new RegExp(`<html lang="${language}"`));
      assert.match(html, phrase);
    }
  });

  test('an unknown route answers the standard error body with a canonical Content-Type', async () => {
    for (const path of ['/v2/payment/voucher/jeton/nope', '/v2/payment/status/']) {
      const response = await fetch(`${sandbox.baseUrl}${path}`, { method: 'POST', body: '{}' });
      assert.equal(response.status, 404);
      assert.match(response.headers.get('content-type'), /^application\/json/);
      const body = await response.json();
      assert.equal(body.status, 'error');
      assert.equal(typeof body.code, 'string');
      assert.equal(typeof body.message, 'string');
    }
  });
});

function paymentIdOf(body) {
  try {
    return JSON.parse(body).payment.id;
  } catch (error) {
    return undefined;
  }
}
