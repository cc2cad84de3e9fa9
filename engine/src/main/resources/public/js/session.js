/*
 * Dossier — warns before the session ends. A few minutes before the idle timeout (at most half of
 * it), a banner (role="alertdialog") takes the focus and offers to stay signed in; its button posts
 * to /session/extend with the session's CSRF token, then gives the focus back. Left alone, the
 * banner says the session has ended and that a save will still be kept. Without this script
 * nothing of it shows: the layout holds the banner in a <template>.
 */
(function () {
  "use strict";

  var LEAD_SECONDS = 300;

  function start() {
    var template = document.getElementById("session-warning");
    if (!template) {
      return;
    }
    var idle = parseInt(template.getAttribute("data-idle-seconds"), 10);
    if (isNaN(idle) || idle <= 0) {
      return;
    }
    var csrf = template.getAttribute("data-csrf");
    var banner = null;
    var returnFocus = null;
    var warnTimer = null;
    var endTimer = null;

    function part(selector) {
      return banner.querySelector(selector);
    }

    function two(number) {
      return (number < 10 ? "0" : "") + number;
    }

    function schedule(secondsLeft) {
      clearTimeout(warnTimer);
      clearTimeout(endTimer);
      var lead = Math.min(LEAD_SECONDS, Math.floor(idle / 2));
      var endsAt = new Date(Date.now() + secondsLeft * 1000);
      warnTimer = setTimeout(function () { show(endsAt); }, Math.max(0, secondsLeft - lead) * 1000);
      endTimer = setTimeout(ended, secondsLeft * 1000);
    }

    function show(endsAt) {
      if (!banner) {
        banner = template.content.firstElementChild.cloneNode(true);
        banner.setAttribute("data-session-warning", "");
        part("[data-session-extend]").addEventListener("click", extend);
        banner.addEventListener("keydown", function (event) {
          if (event.key === "Escape") {
            hide();
          }
        });
        document.body.appendChild(banner);
        banner.setAttribute("data-text", part(".session-warning__text").textContent);
      }
      part(".session-warning__text").textContent =
          banner.getAttribute("data-text").replace("__TIME__", two(endsAt.getHours()) + ":" + two(endsAt.getMinutes()));
      part("[data-session-extend]").hidden = false;
      banner.hidden = false;
      if (!banner.contains(document.activeElement)) {
        returnFocus = document.activeElement;
      }
      part("[data-session-extend]").focus();
    }

    function hide() {
      if (!banner || banner.hidden) {
        return;
      }
      banner.hidden = true;
      if (returnFocus && document.contains(returnFocus) && returnFocus !== document.body) {
        returnFocus.focus();
      }
      returnFocus = null;
    }

    function say(titleText, bodyText) {
      if (!banner) {
        show(new Date());
      }
      banner.hidden = false;
      part(".session-warning__title").textContent = titleText;
      part(".session-warning__text").textContent = bodyText;
      part("[data-session-extend]").hidden = true;
      part(".session-warning__title").focus();
    }

    function ended() {
      clearTimeout(warnTimer);
      if (!banner) {
        show(new Date());
      }
      say(part(".session-warning__title").getAttribute("data-expired-text"),
          part(".session-warning__text").getAttribute("data-expired-text"));
    }

    function extend() {
      var request = new XMLHttpRequest();
      request.open("POST", "/session/extend");
      request.setRequestHeader("X-CSRF-Token", csrf);
      request.setRequestHeader("Accept", "application/json");
      request.onload = function () {
        var answer = null;
        try {
          answer = JSON.parse(request.responseText);
        } catch (e) {
          answer = null;
        }
        if (request.status === 200 && answer && typeof answer.expiresInSeconds === "number") {
          hide();
          schedule(answer.expiresInSeconds);
        } else {
          ended();
        }
      };
      request.onerror = function () {
        say(part(".session-warning__title").textContent, part(".session-warning__text").getAttribute("data-failed-text"));
      };
      request.send();
    }

    schedule(idle);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
