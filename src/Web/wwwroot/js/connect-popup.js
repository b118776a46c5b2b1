// Connect in a pop-up, the way Smartcar's JavaScript SDK does it (reference §7): the click opens a pop-up, Connect
// ends on the SDK's redirect page, which posts a SmartcarAuthMessage to this window and closes; this page accepts the
// message only from that page's origin and with the state it was given, and hands the result to the back end.
// Our own code, served by the app: nothing here loads from elsewhere.
(function () {
  'use strict';

  // Whether a window message is Connect's answer to the attempt this page started. `expected` is what the back end
  // gave the page for that attempt: { origin: the redirect page's origin, state }.
  function acceptsMessage(event, expected) {
    if (!expected || typeof expected.origin !== 'string' || typeof expected.state !== 'string' || expected.state === '') {
      return false;
    }

    if (!event || event.origin !== expected.origin) {
      return false;
    }

    var data = event.data;
    return data !== null && typeof data === 'object'
      && data.name === 'SmartcarAuthMessage'
      && data.state === expected.state;
  }

  // What the page shows for a refused request: field errors under the given title, or the back end's own title and
  // sentence (e.g. too many attempts: wait, then try again).
  function refusal(body, title) {
    if (body && Array.isArray(body.errors)) {
      return { title: title, lines: body.errors };
    }

    if (body && typeof body.title === 'string' && typeof body.message === 'string') {
      return { title: body.title, lines: [body.message], reason: body.reason };
    }

    return { title: title, lines: ['Please try again.'] };
  }

  if (typeof module === 'object' && module.exports) {
    module.exports = { acceptsMessage: acceptsMessage, features: features, refusal: refusal };
    return;
  }

  // The SDK's pop-up: 30% of the screen wide, 75% high, centred over this window, an eighth of the way down.
  function features(screenSize, windowBox) {
    var width = screenSize.width * 0.3;
    var height = screenSize.height * 0.75;
    var top = windowBox.screenY + (windowBox.outerHeight - height) / 8;
    var left = windowBox.screenX + (windowBox.outerWidth - width) / 2;
    return 'top=' + top + ',left=' + left + ',width=' + width + ',height=' + height + ',';
  }

  var panel = document.getElementById('connect-popup');
  if (!panel) {
    return;
  }

  var inPopup = document.getElementById('connect-in-popup');
  var choices = document.getElementById('connect-choices');
  var progress = document.getElementById('connect-progress');
  var outcome = document.getElementById('connect-outcome');
  var token = panel.querySelector('input[name="__RequestVerificationToken"]').value;
  var expected = null;
  panel.hidden = false;

  document.getElementById('connect-button').addEventListener('click', function (event) {
    if (inPopup.checked) {
      event.preventDefault();
      connect(new URLSearchParams());
    }
  });

  choices.addEventListener('submit', function (event) {
    if (inPopup.checked) {
      event.preventDefault();
      connect(new URLSearchParams(new FormData(choices)));
    }
  });

  window.addEventListener('message', function (event) {
    if (!acceptsMessage(event, expected)) {
      return;
    }

    expected = null; // one answer per attempt
    finish(event.data);
  });

  function connect(fields) {
    expected = null;
    show(null);
    // Opened in the click itself, which pop-up blockers allow; it stays empty until the Connect URL arrives.
    var popup = window.open('', 'Connect your car', features(window.screen, window));
    if (!popup) {
      progress.textContent = 'Your browser blocked the pop-up, so Connect opens in this window instead.';
      var query = fields.toString();
      window.location.assign(panel.dataset.start + (query ? '?' + query : ''));
      return;
    }

    progress.textContent = 'Connect is open in a pop-up window. Finish there; this page shows the result.';
    post(panel.dataset.start, fields).then(function (answer) {
      if (!answer.ok) {
        popup.close();
        var refused = refusal(answer.body, 'These Connect choices cannot be used');
        show(refused.title, refused.lines, refused.reason);
        return;
      }

      expected = { origin: answer.body.redirectPageOrigin, state: answer.body.state };
      popup.location.replace(answer.body.connectUrl);
    }, function () {
      popup.close();
      show('Connect could not start', ['Please try again.']);
    });
  }

  // The message's fields, under the names Connect uses on a redirect, to the same rules as the full-page flow.
  function finish(message) {
    progress.textContent = 'Finishing connecting your car\u2026';
    var fields = new URLSearchParams();
    [['code', 'code'], ['state', 'state'], ['error', 'error'], ['error_description', 'errorDescription'],
      ['vin', 'vin'], ['make', 'make'], ['model', 'model'], ['year', 'year'], ['user_id', 'userId']].forEach(function (pair) {
      if (typeof message[pair[1]] === 'string') {
        fields.set(pair[0], message[pair[1]]);
      }
    });

    post(panel.dataset.finish, fields).then(function (answer) {
      if (answer.ok && answer.body.connected) {
        window.location.assign(answer.body.next);
        return;
      }

      var refused = refusal(answer.body, 'This sign-in link is not valid');
      show(refused.title, refused.lines, refused.reason);
    }, function () {
      show('We could not finish connecting your car', ['Please try again.']);
    });
  }

  function post(url, fields) {
    fields.set('__RequestVerificationToken', token);
    return fetch(url, { method: 'POST', body: fields, credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) {
        return response.json().then(function (body) {
          return { ok: response.ok, body: body };
        });
      });
  }

  // A failure in the page, as the full-page flow shows it: a title and the explanation (text only, never HTML).
  function show(title, lines, reason) {
    outcome.replaceChildren();
    if (title === null) {
      return;
    }

    progress.textContent = '';
    var heading = document.createElement('h2');
    heading.setAttribute('data-testid', 'connect-failure');
    if (reason) {
      heading.setAttribute('data-reason', reason);
    }

    heading.textContent = title;
    var alert = document.createElement('div');
    alert.setAttribute('role', 'alert');
    (lines || []).forEach(function (line) {
      var paragraph = document.createElement('p');
      paragraph.textContent = line;
      alert.appendChild(paragraph);
    });
    outcome.append(heading, alert);
  }
})();
