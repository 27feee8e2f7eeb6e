/*
 * Jeton Voucher Payment Page: method choice, voucher form checks, submission and the result.
 * The server checks everything again; these checks only spare the customer a round trip.
 * Loaded from the page's own origin (CSP script-src 'self'); no inline script, no third-party code.
 * Every text it shows comes from the page's configuration, in the page's language (messages_<language>.properties:
 * script.* as config.messages, the result codes as config.codes); this file has none of its own.
 */
(function () {
  'use strict';

  var page = document.getElementById('payment-page');
  if (!page) {
    return;
  }
  var config = JSON.parse(document.getElementById('page-config').textContent);
  var form = document.getElementById('voucher-form');
  var fields = document.getElementById('voucher-fields');
  var payButton = document.getElementById('pay');
  var formError = document.getElementById('form-error');
  var FIELD_NAMES = ['number', 'expiration', 'security_code'];
  var submitted = false;

  /** The page's text for a key, each {name} replaced by its argument. */
  function t(key, args) {
    var text = config.messages[key];
    return text.replace(/\{([a-z_0-9]+)\}/g, function (whole, name) {
      return args && Object.prototype.hasOwnProperty.call(args, name) ? String(args[name]) : whole;
    });
  }

  /** A result code's text in the page's language; the code itself is always shown next to it. */
  function reason(code) {
    return Object.prototype.hasOwnProperty.call(config.codes, code) ? config.codes[code] : t('decline.unknown_reason');
  }

  var rules = {
    number: function (value) {
      if (!value) { return t('number.required'); }
      if (!/^[0-9]{19}$/.test(value)) { return t('number.format'); }
      return null;
    },
    expiration: function (value) {
      if (!value) { return t('expiration.required'); }
      var match = /^(0[1-9]|1[0-2])\/([0-9]{4})$/.exec(value);
      if (!match) { return t('expiration.format'); }
      if (config.acceptsExpiredVouchers) {
        return null; // a test project's testing mode takes any voucher data of the right form
      }
      var now = new Date();
      var year = Number(match[2]);
      var month = Number(match[1]);
      if (year < now.getFullYear() || (year === now.getFullYear() && month < now.getMonth() + 1)) {
        return t('expiration.expired');
      }
      return null;
    },
    security_code: function (value) {
      if (!value) { return t('security_code.required'); }
      if (!/^[0-9]{4}$/.test(value)) { return t('security_code.format'); }
      return null;
    }
  };

  function input(name) {
    return document.getElementById(name);
  }

  /** The value as it is sent: spaces customers type to group the digits are not part of it. */
  function valueOf(name) {
    var value = input(name).value.trim();
    return name === 'number' ? value.replace(/\s+/g, '') : value;
  }

  function showView(view) {
    page.setAttribute('data-view', view);
  }

  function setFieldError(name, message) {
    var field = input(name);
    var error = document.getElementById(name + '-error');
    var describedBy = (field.getAttribute('aria-describedby') || '').split(/\s+/).filter(function (id) {
      return id && id !== error.id;
    });
    if (message) {
      error.textContent = message;
      error.hidden = false;
      field.setAttribute('aria-invalid', 'true');
      describedBy.push(error.id);
    } else {
      error.textContent = '';
      error.hidden = true;
      field.setAttribute('aria-invalid', 'false');
    }
    field.setAttribute('aria-describedby', describedBy.join(' '));
  }

  function setFormError(message) {
    formError.textContent = message || '';
    formError.hidden = !message;
  }

  /** Checks every field, shows each problem at its field and returns the first invalid one. */
  function firstInvalidField() {
    var first = null;
    FIELD_NAMES.forEach(function (name) {
      var message = rules[name](valueOf(name));
      setFieldError(name, message);
      if (message && !first) {
        first = input(name);
      }
    });
    return first;
  }

  function notifyParent(event, extra) {
    // Inside the EPayWidget iframe the merchant page learns the outcome; it carries no voucher data.
    if (window.parent === window) {
      return;
    }
    var message = { source: 'jeton-payment-page', event: event, payment_id: config.paymentId };
    Object.keys(extra || {}).forEach(function (key) { message[key] = extra[key]; });
    window.parent.postMessage(message, '*');
  }

  function showResult(outcome, title, detail) {
    var status = document.getElementById('result-status');
    status.setAttribute('data-outcome', outcome);
    document.getElementById('result-title').textContent = title;
    document.getElementById('result-detail').textContent = detail;
  }

  function offerReturn(url) {
    var link = document.getElementById('return-link');
    if (url && /^https?:\/\//i.test(url)) {
      link.href = url;
      link.hidden = false;
    }
  }

  function showFinal(payment) {
    var sum = { amount: payment.amount.replace('.', t('decimal_separator')), currency: payment.currency,
      last4: payment.voucher_last4 };
    if (payment.status === 'success') {
      showResult('success', t('success.title'), t(payment.voucher_last4 ? 'success.detail_voucher' : 'success.detail', sum));
      offerReturn(config.successUrl);
      notifyParent('payment_success', { status: payment.status });
    } else {
      showResult('decline', t('decline.title'), t('decline.detail', { reason: reason(payment.code), code: payment.code }));
      offerReturn(config.failUrl);
      notifyParent('payment_fail', { status: payment.status, code: payment.code, message: payment.message });
    }
  }

  function poll(statusUrl, startedAt) {
    fetch(statusUrl, { cache: 'no-store', credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.json(); })
      .then(function (payment) {
        if (payment.final === true) {
          showFinal(payment);
        } else {
          schedulePoll(statusUrl, startedAt);
        }
      })
      .catch(function () { schedulePoll(statusUrl, startedAt); });
  }

  function schedulePoll(statusUrl, startedAt) {
    var waited = Date.now() - startedAt;
    if (waited > config.giveUpAfterMs) {
      showResult('processing', t('pending.title'), t('pending.detail'));
      document.getElementById('result-status').setAttribute('data-outcome', 'pending');
      return;
    }
    // Quick at first, when results usually arrive; then gentler on the server.
    window.setTimeout(function () { poll(statusUrl, startedAt); }, waited < 20000 ? config.pollIntervalMs : 3000);
  }

  function handleRejection(answer) {
    // The answer's message is the protocol's (English); the customer reads the page's own text for it.
    if (answer.field && FIELD_NAMES.indexOf(answer.field) >= 0) {
      setFieldError(answer.field, rules[answer.field](valueOf(answer.field)) || t(answer.field + '.rejected'));
      input(answer.field).focus();
    } else if (answer.reason === 'form_expired') {
      setFormError(t('form_expired'));
    } else if (answer.code) {
      setFormError(t('refused', { reason: reason(answer.code), code: answer.code }));
    } else {
      setFormError(t('send_failed'));
    }
  }

  function submit() {
    setFormError(null);
    payButton.disabled = true;
    form.setAttribute('aria-busy', 'true');
    var body = {
      payment_request: form.elements.payment_request.value,
      form_token: form.elements.form_token.value,
      number: valueOf('number'),
      expiration: valueOf('expiration'),
      security_code: valueOf('security_code')
    };
    fetch(form.getAttribute('action'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body)
    })
      .then(function (response) {
        return response.json().then(function (answer) { return { ok: response.ok, answer: answer }; });
      })
      .then(function (result) {
        if (result.ok) {
          form.reset();
          showView('result');
          document.getElementById('result-title').focus();
          notifyParent('payment_sent');
          poll(result.answer.status_url, Date.now());
        } else {
          payButton.disabled = false;
          handleRejection(result.answer);
        }
      })
      .catch(function () {
        payButton.disabled = false;
        setFormError(t('connection_failed'));
      })
      .then(function () { form.removeAttribute('aria-busy'); });
  }

  document.querySelectorAll('[data-method]').forEach(function (button) {
    button.addEventListener('click', function () {
      showView('voucher');
      input('number').focus();
    });
  });

  document.getElementById('other-methods').addEventListener('click', function () {
    showView('methods');
    document.getElementById('method-jetonVoucher').focus();
  });

  FIELD_NAMES.forEach(function (name) {
    // After a first attempt, each field is checked as it is corrected.
    input(name).addEventListener('input', function () {
      if (submitted) {
        setFieldError(name, rules[name](valueOf(name)));
      }
    });
  });

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    submitted = true;
    var invalid = firstInvalidField();
    if (invalid) {
      invalid.focus();
      return;
    }
    submit();
  });

  fields.disabled = false;
}());
