/*
 * Dossier — asks before leaving a page with unsaved changes (a menu link, back, closing the tab).
 * Watches every form marked data-warn-unsaved, or inside an element so marked (the case-file
 * form pages): once a control changes, leaving asks the browser's "leave this page?" question;
 * submitting the form itself never does. A form inside [data-unsaved-restored] (typing restored
 * after a session expired) or shown again with errors counts as changed from the start. Without this script nothing changes.
 */
(function () {
  "use strict";

  var dirty = false;

  function watch(form) {
    function changed() {
      dirty = true;
    }
    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    form.addEventListener("click", function (event) {
      if (event.target.closest("[data-add-row], [data-remove-row]")) {
        changed();
      }
    });
    // Submitting saves what was typed (or adds a row server-side and comes back): no question.
    form.addEventListener("submit", function () {
      dirty = false;
    });
    // Typing restored after a session expired, or sent back with errors, is not saved yet.
    if (form.closest("[data-unsaved-restored]") || form.querySelector("[data-error-summary]")
        || (form.parentNode && form.parentNode.querySelector("[data-error-summary]"))) {
      dirty = true;
    }
  }

  function start() {
    var forms = document.querySelectorAll("form[data-warn-unsaved], [data-warn-unsaved] form");
    if (forms.length === 0) {
      return;
    }
    forms.forEach(watch);
    window.addEventListener("beforeunload", function (event) {
      if (!dirty) {
        return undefined;
      }
      event.preventDefault();
      // Browsers show their own text; some still need a value set to ask at all.
      event.returnValue = "";
      return "";
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
