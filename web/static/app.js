// Warta's only script: small enhancements. Every feature works without it.
(function () {
  "use strict";

  // Lets the stylesheet (and tests) know the script runs.
  document.documentElement.classList.add("js");

  // "/" focuses the search box (unless typing in a field already).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var target = event.target;
    var tag = target && target.tagName;
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable)) {
      return;
    }
    var box = document.getElementById("q");
    if (box) {
      event.preventDefault();
      box.focus();
      box.select();
    }
  });

  // Changing the order re-runs the search at once (when there is a query).
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!target || !target.hasAttribute || !target.hasAttribute("data-autosubmit")) {
      return;
    }
    var form = target.form;
    var box = document.getElementById("q");
    if (form && box && box.value.trim() !== "") {
      if (typeof form.requestSubmit === "function") {
        form.requestSubmit();
      } else {
        form.submit();
      }
    }
  });

  // Empty form fields stay out of the address, keeping shared links short.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form || !form.classList || !form.classList.contains("search-form")) {
      return;
    }
    var fields = form.querySelectorAll("input[name], select[name]");
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      if (field.type !== "radio" && field.value === "") {
        field.setAttribute("data-name", field.name);
        field.removeAttribute("name");
      }
    }
    // Restore the names if the page is kept in the back/forward cache.
    window.setTimeout(function () {
      var hidden = form.querySelectorAll("[data-name]");
      for (var j = 0; j < hidden.length; j++) {
        hidden[j].setAttribute("name", hidden[j].getAttribute("data-name"));
        hidden[j].removeAttribute("data-name");
      }
    }, 0);
  });
})();
