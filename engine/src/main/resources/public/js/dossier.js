/*
 * Dossier — small enhancements of server-rendered forms. Everything works without this file:
 * rows are added and removed by submit buttons (_action), visibility is decided by the server.
 * With it: rows are added and removed in place, fields show and hide as answers change, and the
 * error summary takes focus.
 */
(function () {
  "use strict";

  var INDEX = "__index__";
  var NUMBER = "__number__";

  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (!summary) {
      return;
    }
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) {
        return;
      }
      var target = document.getElementById(decodeURIComponent(link.getAttribute("href").slice(1)));
      if (!target) {
        return;
      }
      event.preventDefault();
      var field = target.closest(".field") || target;
      field.scrollIntoView({ block: "start" });
      target.focus({ preventScroll: true });
    });
  }

  /* ---- Show and hide fields with a data-visible-name descriptor ---- */

  function currentValues(form, name) {
    var values = [];
    form.querySelectorAll("[name]").forEach(function (element) {
      if (element.name !== name) {
        return;
      }
      if (element.type === "radio" || element.type === "checkbox") {
        if (element.checked) {
          values.push(element.value);
        }
      } else if (element.value !== "") {
        values.push(element.value);
      }
    });
    return values;
  }

  function applyVisibility(form) {
    form.querySelectorAll("[data-visible-name]").forEach(function (element) {
      var wanted;
      try {
        wanted = JSON.parse(element.getAttribute("data-visible-values"));
      } catch (e) {
        return;
      }
      var current = currentValues(form, element.getAttribute("data-visible-name"));
      var visible = current.some(function (value) { return wanted.indexOf(value) >= 0; });
      element.hidden = !visible;
    });
  }

  /* ---- Repeatable groups ---- */

  function rowsOf(group) {
    var container = group.querySelector("[data-rows]");
    return Array.prototype.filter.call(container.children, function (child) {
      return child.hasAttribute("data-row");
    });
  }

  function templateText(group, selector) {
    var template = group.querySelector("template[data-row-template]");
    var element = template && template.content.querySelector(selector);
    return element ? element.textContent : null;
  }

  /* Rewrites one row's names, ids and actions from index "from" to index "to". */
  function renumberRow(group, row, from, to) {
    var name = group.getAttribute("data-name");
    var id = group.id;
    var pointer = group.getAttribute("data-pointer");
    var oldName = name + "[" + from + "]";
    var newName = name + "[" + to + "]";
    var oldId = id + "-" + from;
    var newId = id + "-" + to;

    function fixId(value) {
      return value.split(" ").map(function (token) {
        if (token === oldId || token.indexOf(oldId + "-") === 0) {
          return newId + token.slice(oldId.length);
        }
        return token;
      }).join(" ");
    }

    var elements = [row].concat(Array.prototype.slice.call(row.querySelectorAll("*")));
    elements.forEach(function (element) {
      ["id", "for", "aria-describedby"].forEach(function (attribute) {
        if (element.hasAttribute(attribute)) {
          element.setAttribute(attribute, fixId(element.getAttribute(attribute)));
        }
      });
      if (element.hasAttribute("name") && element.getAttribute("name").indexOf(oldName) === 0) {
        element.setAttribute("name", newName + element.getAttribute("name").slice(oldName.length));
      }
      if (element.hasAttribute("data-remove-row") && element.closest("[data-row]") === row) {
        element.value = "remove:" + pointer + "/" + to;
      }
    });
    row.setAttribute("data-index", String(to));
    var legendPattern = templateText(group, ".row__legend");
    var legend = row.querySelector(".row__legend");
    var oldLegend = legend ? legend.textContent : "";
    if (legendPattern && legend) {
      legend.textContent = legendPattern.replace(NUMBER, String(to + 1));
    }
    var removePattern = templateText(group, "[data-remove-row]");
    var remove = row.querySelector("[data-remove-row]");
    if (removePattern && remove) {
      remove.textContent = removePattern.replace(NUMBER, String(to + 1));
    }
    // The removal's question names the row as its legend does.
    if (remove && remove.hasAttribute("data-confirm") && legend && oldLegend) {
      remove.setAttribute("data-confirm", remove.getAttribute("data-confirm").split(oldLegend).join(legend.textContent));
    }
  }

  function refreshGroup(group) {
    var rows = rowsOf(group);
    var max = parseInt(group.getAttribute("data-max-rows"), 10);
    var add = group.querySelector("[data-add-row]");
    var empty = group.querySelector("[data-empty-rows]");
    if (add) {
      add.hidden = !isNaN(max) && rows.length >= max;
    }
    if (empty) {
      empty.hidden = rows.length > 0;
    }
  }

  function addRow(group) {
    var template = group.querySelector("template[data-row-template]");
    var index = rowsOf(group).length;
    var html = template.innerHTML.split(INDEX).join(String(index)).split(NUMBER).join(String(index + 1));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var row = holder.querySelector("[data-row]");
    group.querySelector("[data-rows]").appendChild(row);
    refreshGroup(group);
    var first = row.querySelector("input:not([type=hidden]):not([disabled]), select, textarea");
    if (first) {
      first.focus();
    }
  }

  function removeRow(group, row) {
    row.parentNode.removeChild(row);
    rowsOf(group).forEach(function (remaining, position) {
      var from = parseInt(remaining.getAttribute("data-index"), 10);
      if (from !== position) {
        renumberRow(group, remaining, from, position);
      }
    });
    refreshGroup(group);
    var add = group.querySelector("[data-add-row]");
    if (add && !add.hidden) {
      add.focus();
    } else {
      group.setAttribute("tabindex", "-1");
      group.focus();
    }
  }

  function ownGroup(element) {
    return element.closest("[data-repeatable]");
  }

  function enhance(form) {
    form.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button || !form.contains(button)) {
        return;
      }
      if (button.hasAttribute("data-add-row")) {
        event.preventDefault();
        addRow(ownGroup(button));
        applyVisibility(form);
      } else if (button.hasAttribute("data-remove-row")) {
        event.preventDefault();
        // A saved row is asked about first; one added on this page goes at once.
        var question = button.getAttribute("data-confirm");
        if (question && !window.confirm(question)) {
          return;
        }
        removeRow(ownGroup(button), button.closest("[data-row]"));
        applyVisibility(form);
      }
    });
    form.addEventListener("change", function () {
      applyVisibility(form);
    });
  }

  /* Back on the case-file summary after a section save: the saved section's card takes focus. */
  function focusSavedCard() {
    var card = document.querySelector(".summary-card[data-saved]");
    if (card) {
      card.focus();
    }
  }

  function start() {
    focusErrorSummary();
    focusSavedCard();
    document.querySelectorAll("form[data-dossier-form]").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
