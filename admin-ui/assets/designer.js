// The designer's drag and drop: fields and sections can be dragged within their own list. The
// order inputs are renumbered and a change event lets the live preview follow; saving stays an
// explicit click. Without JavaScript the Up and Down buttons do the same, from the keyboard too.
(function () {
  "use strict";

  function renumber(list) {
    var order = 10;
    Array.prototype.forEach.call(list.children, function (item) {
      var input = item.querySelector(":scope > input[name$='.order']");
      if (input) {
        input.value = String(order);
        order += 10;
      }
    });
  }

  function init(form) {
    var dragged = null;
    form.querySelectorAll(".designer-field").forEach(function (item) {
      item.setAttribute("draggable", "true");
      item.addEventListener("dragstart", function (event) {
        event.stopPropagation();
        dragged = item;
        item.classList.add("designer-field--dragging");
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", item.id);
      });
      item.addEventListener("dragend", function () {
        item.classList.remove("designer-field--dragging");
        dragged = null;
      });
      item.addEventListener("dragover", function (event) {
        if (dragged && dragged !== item && dragged.parentElement === item.parentElement) {
          event.preventDefault();
          event.stopPropagation();
          event.dataTransfer.dropEffect = "move";
        }
      });
      item.addEventListener("drop", function (event) {
        if (!dragged || dragged === item || dragged.parentElement !== item.parentElement) {
          return;
        }
        event.preventDefault();
        event.stopPropagation();
        var list = item.parentElement;
        var items = Array.prototype.slice.call(list.children);
        var after = items.indexOf(dragged) < items.indexOf(item);
        list.insertBefore(dragged, after ? item.nextSibling : item);
        renumber(list);
        form.dispatchEvent(new Event("change", { bubbles: true }));
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-designer]").forEach(init);
  });
})();
