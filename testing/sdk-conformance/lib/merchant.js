'use strict';
// The merchant's callback URL: an HTTP server on 127.0.0.1 that keeps every callback exactly as it arrived (the raw
// body, which is what a merchant hands to the SDK's Callback class) and answers 200, so the platform sends no retry.
const http = require('node:http');

class MerchantEndpoint {
  constructor() {
    this.received = [];
    this.waiting = [];
    this.server = http.createServer((request, response) => {
      const chunks = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', () => {
        const callback = { path: request.url, body: Buffer.concat(chunks).toString('utf8') };
        this.received.push(callback);
        response.writeHead(200, { 'Content-Type': 'text/plain' }).end('OK');
        this.waiting = this.waiting.filter((waiter) => !waiter.take(callback));
      });
    });
  }

  listen() {
    return new Promise((resolve) => {
      this.server.listen(0, '127.0.0.1', () => resolve(this));
    });
  }

  url(path) {
    return `http://127.0.0.1:${this.server.address().port}${path}`;
  }

  /** The raw body of the first callback for this payment id; rejects after timeoutMs. */
  callbackFor(paymentId, timeoutMs = 60_000) {
    const matches = (callback) => paymentIdOf(callback.body) === paymentId;
    const already = this.received.find(matches);
    if (already) {
      return Promise.resolve(already.body);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((waiter) => waiter !== entry);
        reject(new Error(`no callback for payment ${paymentId} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      const entry = {
        take(callback) {
          if (!matches(callback)) {
            return false;
          }
          clearTimeout(timer);
          resolve(callback.body);
          return true;
        },
      };
      this.waiting.push(entry);
    });
  }

  close() {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function paymentIdOf(body) {
  try {
    return JSON.parse(body).payment.id;
  } catch (error) {
    return undefined;
  }
}

module.exports = { MerchantEndpoint };
