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

  // Suggestions as one types: the word being typed completed from the
  // archive's headlines, and outlets (GET /api/suggest). The box becomes
  // an ARIA combobox with a listbox popup: arrow keys move through the
  // suggestions, Enter searches the one chosen, Escape closes the list.
  (function suggestions() {
    var box = document.getElementById("q");
    if (!box || !box.form || typeof window.fetch !== "function") {
      return;
    }
    var bar = box.parentNode;
    var list = document.createElement("ul");
    list.id = "q-suggestions";
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", box.getAttribute("data-suggest-label") || "Suggestions");
    list.hidden = true;
    bar.appendChild(list);
    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    bar.appendChild(status);
    box.setAttribute("role", "combobox");
    box.setAttribute("aria-autocomplete", "list");
    box.setAttribute("aria-expanded", "false");
    box.setAttribute("aria-controls", list.id);

    var items = [];
    var active = -1;
    var timer = null;
    var pending = null;

    function close() {
      list.hidden = true;
      box.setAttribute("aria-expanded", "false");
      box.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function mark(index) {
      var options = list.children;
      for (var i = 0; i < options.length; i++) {
        options[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      active = index;
      if (index >= 0 && options[index]) {
        box.setAttribute("aria-activedescendant", options[index].id);
        if (typeof options[index].scrollIntoView === "function") {
          options[index].scrollIntoView({ block: "nearest" });
        }
      } else {
        box.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var item = items[index];
      if (!item) {
        return;
      }
      box.value = item.query;
      close();
      if (typeof box.form.requestSubmit === "function") {
        box.form.requestSubmit();
      } else {
        box.form.submit();
      }
    }

    function render(found) {
      items = found;
      list.textContent = "";
      found.forEach(function (item, i) {
        var option = document.createElement("li");
        option.id = "q-suggestion-" + i;
        option.className = "suggestion suggestion-" + item.kind;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        var label = document.createElement("span");
        label.className = "suggestion-label";
        // A word shows as the whole query it makes; an outlet by name.
        label.textContent = item.kind === "word" ? item.query : item.label;
        option.appendChild(label);
        if (item.kind === "outlet") {
          var tag = document.createElement("span");
          tag.className = "suggestion-kind";
          tag.textContent = box.getAttribute("data-suggest-outlet") || "outlet";
          option.appendChild(tag);
        }
        // mousedown, not click: the box keeps its focus.
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();
          choose(i);
        });
        list.appendChild(option);
      });
      active = -1;
      box.removeAttribute("aria-activedescendant");
      if (found.length === 0) {
        close();
        status.textContent = "";
        return;
      }
      list.hidden = false;
      box.setAttribute("aria-expanded", "true");
      var counted = box.getAttribute("data-suggest-count") || "{n} suggestions";
      status.textContent = counted.replace("{n}", String(found.length));
    }

    function ask() {
      var typed = box.value;
      if (pending) {
        pending.abort();
      }
      if (typed.trim() === "" || /\s$/.test(typed)) {
        render([]);
        return;
      }
      pending = typeof AbortController === "function" ? new AbortController() : null;
      var url = "/api/suggest?limit=8&q=" + encodeURIComponent(typed);
      fetch(url, pending ? { signal: pending.signal } : {})
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (answer) {
          // Only the answer for what the box still holds.
          if (box.value === typed && document.activeElement === box) {
            render(answer.suggestions || []);
          }
        })
        .catch(function () {});
    }

    box.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 80);
    });
    box.addEventListener("keydown", function (event) {
      var open = !list.hidden && items.length > 0;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        if (!open) {
          ask();
          return;
        }
        mark(active + 1 >= items.length ? 0 : active + 1);
      } else if (event.key === "ArrowUp") {
        if (!open) {
          return;
        }
        event.preventDefault();
        mark(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          choose(active);
        } else {
          close();
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        }
      } else if (event.key === "Tab") {
        close();
      }
    });
    box.addEventListener("blur", close);
  })();
})();
