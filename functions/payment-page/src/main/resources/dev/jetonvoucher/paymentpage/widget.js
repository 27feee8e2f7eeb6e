/*
 * EPayWidget for the Jeton Voucher Payment Page, in the style of ECommPay's widget:
 *
 *   <script src="https://<payment page host>/payment/widget.js"></script>
 *   EPayWidget.run({ project_id: 239, payment_id: 'order-1', payment_amount: 10000, payment_currency: 'EUR',
 *                    customer_id: 'customer-1', signature: '<signed on the merchant server>' });
 *
 * Every own property that is not a widget option below is a Payment Page parameter and is sent as it is,
 * so the merchant signs exactly that set (frame_mode, which the widget adds, is never signed).
 * Widget options:
 *   redirect: true          open the page in this window instead of a frame
 *   target_element: 'id'    put the frame into that element instead of an overlay
 *   onPaymentSent, onPaymentSuccess, onPaymentFail(data), onExit   callbacks while the page is framed
 * The project must allow the merchant's origin to frame its page (payment_page_frame_ancestors).
 * The frame's and overlay's own texts follow the page's rule for its language: language_code, else the browser's
 * languages, else English. They come from the page's bundles (widget.*), built in when the function loads.
 */
(function (global) {
  'use strict';

  var OPTIONS = ['redirect', 'target_element', 'onPaymentSent', 'onPaymentSuccess', 'onPaymentFail', 'onExit'];
  var EVENTS = { payment_sent: 'onPaymentSent', payment_success: 'onPaymentSuccess', payment_fail: 'onPaymentFail' };
  var MESSAGES = /* widget messages */ {};
  var DEFAULT_LANGUAGE = 'en';
  var script = document.currentScript;
  var pageUrl = new URL('/payment', script && script.src ? script.src : global.location.href);

  function paymentPageUrl(config, frameMode) {
    var url = new URL(pageUrl.href);
    Object.keys(config).forEach(function (name) {
      var value = config[name];
      if (OPTIONS.indexOf(name) < 0 && value !== undefined && value !== null && typeof value !== 'function') {
        url.searchParams.append(name, String(value));
      }
    });
    if (frameMode) {
      url.searchParams.set('frame_mode', frameMode);
    }
    return url.href;
  }

  /** The language a code names, by its ISO 639-1 part ('ru-RU' names 'ru'), if the page has it. */
  function known(code) {
    var primary = String(code || '').toLowerCase().split(/[-_]/)[0];
    return Object.prototype.hasOwnProperty.call(MESSAGES, primary) ? primary : null;
  }

  function textsFor(config) {
    var language = known(config.language_code);
    var preferred = global.navigator.languages || [global.navigator.language];
    for (var i = 0; !language && i < preferred.length; i++) {
      language = known(preferred[i]);
    }
    return MESSAGES[language || DEFAULT_LANGUAGE];
  }

  function frame(src, texts) {
    var iframe = document.createElement('iframe');
    iframe.src = src;
    iframe.title = texts.frame_title;
    iframe.style.border = '0';
    iframe.style.width = '100%';
    iframe.style.height = '100%';
    iframe.style.display = 'block';
    return iframe;
  }

  function overlay(iframe, close, texts) {
    var backdrop = document.createElement('div');
    backdrop.setAttribute('role', 'dialog');
    backdrop.setAttribute('aria-modal', 'true');
    backdrop.setAttribute('aria-label', texts.dialog_label);
    backdrop.style.cssText = 'position:fixed;inset:0;z-index:2147483000;background:rgba(15,23,42,.6);' +
      'display:flex;align-items:center;justify-content:center;padding:1rem;';
    var box = document.createElement('div');
    box.style.cssText = 'position:relative;width:100%;max-width:34rem;height:min(46rem,100%);background:#eef2f6;' +
      'border-radius:14px;overflow:hidden;box-shadow:0 20px 50px rgba(0,0,0,.35);';
    var closeButton = document.createElement('button');
    closeButton.type = 'button';
    closeButton.textContent = '×';
    closeButton.setAttribute('aria-label', texts.close);
    closeButton.style.cssText = 'position:absolute;top:.5rem;right:.5rem;z-index:1;width:2.5rem;height:2.5rem;' +
      'border:0;border-radius:50%;background:#fff;font-size:1.5rem;line-height:1;cursor:pointer;';
    closeButton.addEventListener('click', close);
    backdrop.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') {
        close();
      }
    });
    box.appendChild(closeButton);
    box.appendChild(iframe);
    backdrop.appendChild(box);
    return backdrop;
  }

  function run(config) {
    if (!config || typeof config !== 'object') {
      throw new TypeError('EPayWidget.run needs the signed Payment Page parameters');
    }
    if (config.redirect) {
      global.location.assign(paymentPageUrl(config, null));
      return;
    }
    var target = config.target_element ? document.getElementById(config.target_element) : null;
    if (config.target_element && !target) {
      throw new Error('EPayWidget: no element with id "' + config.target_element + '"');
    }
    var texts = textsFor(config);
    var iframe = frame(paymentPageUrl(config, 'iframe'), texts);
    var container;

    function onMessage(event) {
      // Only the page in this very frame, from the Payment Page origin, is listened to.
      if (event.origin !== pageUrl.origin || event.source !== iframe.contentWindow) {
        return;
      }
      var data = event.data || {};
      var callback = data.source === 'jeton-payment-page' ? config[EVENTS[data.event]] : null;
      if (typeof callback === 'function') {
        callback(data);
      }
    }

    function close() {
      global.removeEventListener('message', onMessage);
      if (container && container.parentNode) {
        container.parentNode.removeChild(container);
      }
      if (typeof config.onExit === 'function') {
        config.onExit();
      }
    }

    global.addEventListener('message', onMessage);
    if (target) {
      container = iframe;
      iframe.style.minHeight = '42rem';
      target.appendChild(iframe);
    } else {
      container = overlay(iframe, close, texts);
      document.body.appendChild(container);
      iframe.focus();
    }
  }

  global.EPayWidget = { run: run };
}(window));
