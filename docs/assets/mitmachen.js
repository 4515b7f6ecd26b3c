/* The /mitmachen/ form: checks the input in the browser, builds the YAML profile, offers it for
   e-mail, download and copy, and pre-fills it from /mitmachen/vereine/<slug>.json (?verein=<slug>).
   The form itself is generated from the schema at build time; this script reads it by
   `data-key` (field name) and `data-kind` (how the value is entered). Nothing is sent anywhere. */
(function () {
  "use strict";

  var root = document.querySelector(".mso-mitmachen");
  var form = document.getElementById("mso-formular");
  if (!root || !form) return;
  var result = document.getElementById("mso-ergebnis");
  var summary = form.querySelector("[data-fehlerliste]");
  var consent = form.querySelector('[data-key="veroeffentlichen"] input');
  var slugParam = new URLSearchParams(location.search).get("verein") || "";
  var state = { slug: "", changing: false, yaml: "" };

  /* ---------- small helpers ---------- */

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + String(d.getMonth() + 1).padStart(2, "0") + "-" +
      String(d.getDate()).padStart(2, "0");
  }

  /** The field wrappers directly inside `container` (a form, a group or a row). */
  function fieldsOf(container) {
    return Array.prototype.filter.call(container.querySelectorAll("[data-key]"), function (el) {
      return el.parentElement.closest("[data-key], [data-row], form") === container;
    });
  }

  function rowsOf(el) {
    return Array.prototype.filter.call(el.querySelectorAll("[data-row]"), function (row) {
      return row.parentElement.closest("[data-key]") === el;
    });
  }

  function control(el) {
    return el.querySelector("input, select, textarea, output");
  }

  function isEmpty(value) {
    return value === undefined || value === null || value === "" ||
      (Array.isArray(value) && value.length === 0) ||
      (typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0);
  }

  /** Slug as in mso.slugs: lowercase, ä→ae, ö→oe, ü→ue, ß→ss, other accents dropped, hyphens. */
  function slugify(text) {
    var map = { "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue",
      "ł": "l", "Ł": "l", "đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe",
      "ı": "i", "þ": "th" };
    var s = text.replace(/[äöüßẞÄÖÜłŁđĐøØæÆœŒıþ]/g, function (c) { return map[c]; });
    s = s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    s = s.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (s.length > 80) s = s.slice(0, 81).replace(/-[^-]*$/, "").replace(/-+$/, "");
    return s;
  }

  /* ---------- rows of lists (add / remove) ---------- */

  function addRow(el, focus) {
    var list = el.querySelector("[data-rows]");
    var template = el.querySelector(":scope > template");
    var n = (el._rowCounter = (el._rowCounter || 0) + 1);
    var html = template.innerHTML.replace(/__N__/g, String(n));
    var holder = document.createElement(list.tagName === "OL" ? "ol" : "div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    list.appendChild(row);
    renumber(el);
    setupInside(row);
    if (focus) {
      var first = row.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
    }
    return row;
  }

  function renumber(el) {
    rowsOf(el).forEach(function (row, i) {
      row.querySelectorAll("[data-row-number]").forEach(function (span) {
        if (span.closest("[data-row]") === row) span.textContent = String(i + 1);
      });
    });
  }

  function removeRow(row) {
    var el = row.parentElement.closest("[data-key]");
    var rows = rowsOf(el);
    var index = rows.indexOf(row);
    row.remove();
    renumber(el);
    var rest = rowsOf(el);
    var next = rest[Math.min(index, rest.length - 1)];
    var target = next ? next.querySelector("input, select, textarea") : el.querySelector("[data-add]");
    if (target) target.focus();
  }

  function setupInside(scope) {
    scope.querySelectorAll("[data-lang-select]").forEach(function (select) {
      select.addEventListener("change", function () {
        var text = select.closest("[data-row]").querySelector("textarea");
        var option = select.selectedOptions[0];
        text.lang = select.value || "";
        text.dir = (option && option.dataset.dir) || "auto";
      });
    });
  }

  form.addEventListener("click", function (event) {
    var add = event.target.closest("[data-add]");
    var remove = event.target.closest("[data-remove]");
    if (add) addRow(add.closest("[data-key]"), true);
    if (remove) removeRow(remove.closest("[data-row]"));
  });

  /* ---------- reading the form into profile data ---------- */

  function read(el) {
    var kind = el.dataset.kind;
    var input = control(el);
    switch (kind) {
      case "text": case "email": case "url": case "tel":
        return input.value.trim();
      case "date":
        return input.value ? new YamlDate(input.value) : "";
      case "textarea":
        return input.value.trim() ? input.value : "";
      case "number":
        return input.value.trim() === "" ? "" : Number(input.value);
      case "boolean":
        return input.checked ? true : (el.hasAttribute("data-required") ? false : "");
      case "consent-date":
        return input.checked ? new YamlDate(today()) : "";
      case "today":
        return new YamlDate(today());
      case "choice":
        return input.value === (el.dataset.default || "\u0000") ? "" : input.value;
      case "choices": {
        var checked = Array.prototype.filter.call(el.querySelectorAll("input[type=checkbox]"),
          function (box) { return box.checked; }).map(function (box) { return box.value; });
        var first = (el._order || []).filter(function (v) { return checked.indexOf(v) >= 0; });
        return first.concat(checked.filter(function (v) { return first.indexOf(v) < 0; }));
      }
      case "list":
        return rowsOf(el).map(function (row) { return row.querySelector("[data-item]").value.trim(); })
          .filter(function (v) { return v !== ""; });
      case "group":
      case "row":
        return readObject(el);
      case "repeat":
        return rowsOf(el).map(readObject).filter(function (obj) { return !isEmpty(obj); });
      case "translated": {
        var texts = {};
        var de = el.querySelector('[data-lang="de"] textarea').value;
        if (de.trim()) texts.de = de;
        rowsOf(el).forEach(function (row) {
          var lang = row.querySelector("[data-lang-select]").value;
          var text = row.querySelector("textarea").value;
          if (lang && text.trim()) texts[lang] = text;
        });
        var langs = Object.keys(texts);
        if (langs.length === 0) return "";
        return langs.length === 1 && langs[0] === "de" ? texts.de : texts;
      }
      case "bool-or-text": {
        var chosen = el.querySelector("input[type=radio]:checked");
        var value = chosen ? chosen.value : "";
        if (value === "true") return true;
        if (value === "false") return false;
        if (value === "text") return el.querySelector("[data-item]").value.trim();
        return "";
      }
    }
    throw new Error("Unbekannte Feldart: " + kind);
  }

  function readObject(container) {
    var data = {};
    fieldsOf(container).forEach(function (el) {
      var value = read(el);
      if (!isEmpty(value)) data[el.dataset.key] = value;
    });
    // a row of persons with only the consent ticked is still empty
    var keys = Object.keys(data);
    if (keys.length === 1 && data[keys[0]] instanceof YamlDate && container.matches("[data-row]")) return {};
    return data;
  }

  /* ---------- pre-filling the form from profile data ---------- */

  function fill(el, value) {
    var kind = el.dataset.kind;
    var input = control(el);
    switch (kind) {
      case "text": case "email": case "url": case "tel": case "textarea": case "number":
        input.value = String(value); break;
      case "date":
        input.value = value; break;
      case "boolean":
        input.checked = value === true; break;
      case "choice":
        input.value = value; break;
      case "choices":
        el._order = value.slice();
        el.querySelectorAll("input[type=checkbox]").forEach(function (box) {
          box.checked = value.indexOf(box.value) >= 0;
        });
        break;
      case "list":
        rowsOf(el).forEach(function (row) { row.remove(); });
        value.forEach(function (item) { addRow(el, false).querySelector("[data-item]").value = item; });
        break;
      case "group":
        fillObject(el, value); break;
      case "repeat":
        value.forEach(function (item) { fillObject(addRow(el, false), item); });
        break;
      case "translated": {
        var texts = typeof value === "string" ? { de: value } : value;
        Object.keys(texts).forEach(function (lang) {
          if (lang === "de") {
            el.querySelector('[data-lang="de"] textarea').value = texts.de;
            return;
          }
          var row = addRow(el, false);
          var select = row.querySelector("[data-lang-select]");
          select.value = lang;
          select.dispatchEvent(new Event("change"));
          row.querySelector("textarea").value = texts[lang];
        });
        break;
      }
      case "bool-or-text": {
        var which = value === true ? "true" : value === false ? "false" : "text";
        el.querySelector('input[type=radio][value="' + which + '"]').checked = true;
        if (which === "text") el.querySelector("[data-item]").value = value;
        break;
      }
    }
  }

  function fillObject(container, data) {
    fieldsOf(container).forEach(function (el) {
      if (Object.prototype.hasOwnProperty.call(data, el.dataset.key)) fill(el, data[el.dataset.key]);
    });
  }

  /* ---------- checks, with German messages that point at the field ---------- */

  function labelOf(el) {
    var label = el.dataset.label;
    var parent = el.parentElement.closest("[data-key], [data-row]");
    if (parent && parent.dataset.kind === "group") label = parent.dataset.label + " – " + label;
    var row = el.closest("[data-row]");
    if (row) {
      var list = row.parentElement.closest("[data-key]");
      var number = rowsOf(list).indexOf(row) + 1;
      label = (list.dataset.itemLabel || list.dataset.label) + " " + number + ": " + label;
    }
    return label;
  }

  function nativeMessage(input, label) {
    var v = input.validity;
    var kind = input.type;
    if (v.valueMissing) {
      if (input === consent) {
        return label + ": Bitte setzen Sie das Häkchen, damit Ihr Eintrag veröffentlicht bleibt. Soll er nicht " +
          "mehr erscheinen, schreiben Sie uns einfach eine E-Mail.";
      }
      if (input.type === "checkbox") return label + ": Bitte bestätigen Sie die Einwilligung.";
      if (input.tagName === "SELECT") return label + ": Bitte wählen Sie einen Eintrag aus.";
      return label + ": Bitte füllen Sie dieses Feld aus.";
    }
    if (v.badInput) return label + ": Bitte geben Sie nur eine Zahl ein, zum Beispiel 1998.";
    if (v.typeMismatch && kind === "email") {
      return label + ": Das ist keine gültige E-Mail-Adresse. Beispiel: info@mein-verein.de";
    }
    if (v.typeMismatch && kind === "url") {
      return label + ": Das ist keine vollständige Internetadresse. Sie beginnt mit https://, zum Beispiel https://mein-verein.de";
    }
    if (v.patternMismatch) return label + ": " + (input.dataset.patternMessage || "Bitte prüfen Sie die Schreibweise.");
    if (v.tooLong) return label + ": Bitte höchstens " + input.maxLength + " Zeichen (jetzt " + input.value.length + ").";
    if (v.rangeUnderflow || v.rangeOverflow || v.stepMismatch) {
      return label + ": Bitte eine Jahreszahl von " + input.min + " bis " + input.max + ".";
    }
    return "";
  }

  function extraMessage(input, label) {
    var value = input.value.trim();
    if (!value) return "";
    if (input.type === "email" && !/^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$/.test(value)) {
      return label + ": Das ist keine gültige E-Mail-Adresse. Beispiel: info@mein-verein.de";
    }
    if (input.type === "url") {
      try {
        if (new URL(value).hostname.indexOf(".") < 0) throw new Error();
      } catch (e) {
        return label + ": Das ist keine vollständige Internetadresse. Sie beginnt mit https://, zum Beispiel https://mein-verein.de";
      }
    }
    return "";
  }

  /** Required-ness that depends on other answers: publishing, a partly filled address, a barrier text. */
  function updateRequired() {
    var publishing = consent.checked;
    form.querySelectorAll("[data-when-published]").forEach(function (el) {
      if (el.classList.contains("mso-pflicht")) el.hidden = !publishing;
    });
    fieldsOf(form).forEach(function (el) {
      var needed = el.hasAttribute("data-required") || (publishing && el.hasAttribute("data-when-published"));
      el.dataset.needed = needed ? "1" : "";
      var kind = el.dataset.kind;
      if (["text", "textarea", "email", "url", "tel", "number", "date", "choice"].indexOf(kind) >= 0) {
        control(el).required = needed;
      }
      if (kind === "translated") el.querySelector('[data-lang="de"] textarea').required = needed;
      if (kind === "group") {
        var given = !isEmpty(readObject(el));
        fieldsOf(el).forEach(function (child) {
          if (child.hasAttribute("data-required-in-group")) control(child).required = given;
        });
      }
    });
    form.querySelectorAll("[data-row]").forEach(function (row) {
      fieldsOf(row).forEach(function (child) {
        if (child.hasAttribute("data-required")) control(child).required = true;
      });
    });
    form.querySelectorAll('[data-kind="bool-or-text"]').forEach(function (el) {
      var chosen = el.querySelector("input[type=radio]:checked");
      el.querySelector("[data-item]").required = !!chosen && chosen.value === "text";
    });
  }

  function check() {
    updateRequired();
    var problems = [];
    form.querySelectorAll("[aria-invalid]").forEach(function (el) { el.removeAttribute("aria-invalid"); });
    form.querySelectorAll(".mso-feld__fehler").forEach(function (p) { p.hidden = true; p.textContent = ""; });

    function report(el, target, message) {
      target.setCustomValidity(message);
      target.setAttribute("aria-invalid", "true");
      var box = el.querySelector(".mso-feld__fehler");
      if (box && box.closest("[data-key]") === el && box.hidden) {
        box.textContent = message;
        box.hidden = false;
      }
      problems.push({ target: target, message: message });
    }

    // single controls: the browser's constraint checks, in German
    form.querySelectorAll("input, select, textarea").forEach(function (input) {
      if (input.type === "search" || input.type === "radio" || input.closest("template")) return;
      input.setCustomValidity("");
      var el = input.closest("[data-key]");
      if (!el) return;
      var row = input.closest("[data-row]");
      var label = labelOf(el);
      var number = row ? rowsOf(el).indexOf(row) + 1 : 0;
      if (el.dataset.kind === "translated") {
        label = !number ? el.dataset.label + " auf Deutsch" : el.dataset.label + ", weitere Sprache " + number +
          (input.hasAttribute("data-lang-select") ? ": Sprache" : ": Text");
      } else if (number) {
        label = el.dataset.itemLabel + " " + number;  // an item of a list: Angebot 2, Link 1
      }
      if (el.dataset.kind === "bool-or-text") label = el.dataset.label + ": Beschreibung";
      var message = nativeMessage(input, label) || extraMessage(input, label);
      if (message) report(el, input, message);
    });

    // groups: at least one checkbox, at least one way of contact, no language twice
    form.querySelectorAll('[data-kind="choices"]').forEach(function (el) {
      var first = el.querySelector("input[type=checkbox]");
      if (el.dataset.needed && !el.querySelector("input[type=checkbox]:checked")) {
        report(el, first, el.dataset.label + ": Bitte wählen Sie mindestens einen Eintrag aus.");
      }
    });
    form.querySelectorAll("[data-min-properties]").forEach(function (el) {
      if (el.dataset.needed && isEmpty(readObject(el))) {
        report(el, control(el), el.dataset.label + ": Bitte geben Sie mindestens einen Weg an, wie man Ihren Verein erreicht (E-Mail, Telefon, Website oder soziale Medien).");
      }
    });
    form.querySelectorAll('[data-kind="translated"]').forEach(function (el) {
      var seen = {};
      rowsOf(el).forEach(function (row, i) {
        var select = row.querySelector("[data-lang-select]");
        if (select.value && seen[select.value]) {
          report(el, select, el.dataset.label + ", weitere Sprache " + (i + 1) + ": Diese Sprache ist schon ausgewählt.");
        }
        seen[select.value] = true;
      });
    });
    showSummary(problems);
    return problems.length === 0;
  }

  function showSummary(problems) {
    summary.innerHTML = "";
    if (!problems.length) {
      summary.hidden = true;
      return;
    }
    var title = document.createElement("h3");
    title.textContent = problems.length === 1 ? "Bitte prüfen Sie eine Angabe:"
      : "Bitte prüfen Sie " + problems.length + " Angaben:";
    var list = document.createElement("ul");
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + problem.target.id;
      link.textContent = problem.message;
      link.addEventListener("click", function (event) {
        event.preventDefault();
        problem.target.focus();
        problem.target.scrollIntoView({ block: "center" });
      });
      item.appendChild(link);
      list.appendChild(item);
    });
    summary.appendChild(title);
    summary.appendChild(list);
    summary.hidden = false;
    summary.focus();
  }

  /* ---------- YAML out ---------- */

  function YamlDate(iso) { this.iso = iso; }

  var CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff\r]/;
  var FLOW = {};  // lists of vocabulary values are written [a, b], like in the hand-written profiles
  form.querySelectorAll('[data-kind="choices"]').forEach(function (el) { FLOW[el.dataset.key] = true; });

  /** May `s` be written without quotes, and read back as the same string? (YAML 1.1, as PyYAML reads) */
  function plain(s) {
    return s !== "" && s.trim() === s && !/^[-?:,\[\]{}#&*!|>'"%@`0-9+.~=<]/.test(s) &&
      !/: |:$| #|[\n\t]/.test(s) && !CONTROL.test(s) &&
      !/^(true|false|yes|no|on|off|y|n|null)$/i.test(s);
  }

  function quoted(s) {
    // JSON strings are YAML double-quoted strings; escape what YAML would read as a line break or reject
    return JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, function (c) {
      return "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0");
    });
  }

  /** Multi-line text as a literal block (`|`), when it reads back unchanged; else null. */
  function block(s, indent) {
    var text = s.replace(/\n$/, "");
    if (s.indexOf("\n") < 0 || /\n$/.test(text) || CONTROL.test(s) || /^\s/.test(s) ||
        /^[ \t]+$/m.test(text)) return null;
    var pad = new Array(indent + 3).join(" ");
    return (text === s ? "|-" : "|") + "\n" + text.split("\n").map(function (line) {
      return line === "" ? "" : pad + line;
    }).join("\n");
  }

  function scalar(value, indent) {
    if (value instanceof YamlDate) return value.iso;
    if (typeof value === "boolean") return value ? "true" : "false";
    if (typeof value === "number") return String(value);
    if (plain(value)) return value;
    return block(value, indent) || quoted(value);
  }

  function yamlLines(data, indent) {
    var pad = new Array(indent + 1).join(" ");
    var out = [];
    Object.keys(data).forEach(function (key) {
      var value = data[key];
      if (Array.isArray(value) && FLOW[key]) {
        out.push(pad + key + ": [" + value.map(function (v) { return plain(v) ? v : quoted(v); }).join(", ") + "]");
      } else if (Array.isArray(value)) {
        out.push(pad + key + ":");
        value.forEach(function (item) {
          if (typeof item === "object" && !(item instanceof YamlDate)) {
            var inner = yamlLines(item, indent + 4);
            out.push(pad + "  - " + inner[0].trim());
            out.push.apply(out, inner.slice(1));
          } else {
            out.push(pad + "  - " + scalar(item, indent + 2));
          }
        });
      } else if (typeof value === "object" && !(value instanceof YamlDate)) {
        out.push(pad + key + ":");
        out.push.apply(out, yamlLines(value, indent + 2));
      } else {
        out.push(pad + key + ": " + scalar(value, indent));
      }
    });
    return out;
  }

  function toYaml(data) {
    var head = ["# yaml-language-server: $schema=../schema/organisation.schema.json"];
    head.push(state.changing
      ? "# Änderung des Profils " + state.slug + ", erstellt mit dem Formular am " + today() + "."
      : "# Neues Profil, erstellt mit dem Formular am " + today() + ".");
    return head.concat(yamlLines(data, 0)).join("\n") + "\n";
  }

  /* ---------- the result: preview, e-mail, download, copy ---------- */

  function mailto(yaml, data) {
    var subject = (state.changing ? "Änderung im MSO-Verzeichnis: " : "Neuer Eintrag im MSO-Verzeichnis: ") + data.name;
    var body = "Guten Tag,\n\n" + (state.changing
      ? "bitte ändern Sie unseren Eintrag (" + state.slug + ") im MSO-Verzeichnis so, wie unten beschrieben."
      : "bitte nehmen Sie unseren Verein in das MSO-Verzeichnis auf.") +
      " Die Angaben stehen unten als Profil-Datei " + state.slug + ".yml.\n\nMit freundlichen Grüßen\n\n" +
      "--- Profil " + state.slug + ".yml ---\n" + yaml;
    return "mailto:" + root.dataset.kontakt + "?subject=" + encodeURIComponent(subject) +
      "&body=" + encodeURIComponent(body.replace(/\n/g, "\r\n"));
  }

  function showResult(data) {
    if (!state.changing) state.slug = slugify(data.name) || slugify(data.kurzname || "") || "neuer-verein";
    if (state.slug.length < 3) state.slug = (state.slug + "-verein").replace(/^-/, "");
    state.yaml = toYaml(data);
    result.querySelector("[data-yaml]").textContent = state.yaml;
    result.querySelector("[data-mailto]").href = mailto(state.yaml, data);
    result.querySelector("[data-dateiname]").textContent = state.slug + ".yml";
    result.querySelector("[data-download]").textContent = "Datei " + state.slug + ".yml herunterladen";
    result.querySelector("[data-copy-status]").textContent = "";
    result.querySelector("[data-nur-gezaehlt]").hidden = data.veroeffentlichen === true;
    form.hidden = true;
    result.hidden = false;
    result.querySelector("h2").focus();
  }

  result.addEventListener("click", function (event) {
    if (event.target.closest("[data-download]")) {
      var blob = new Blob([state.yaml], { type: "application/yaml;charset=utf-8" });
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = state.slug + ".yml";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    }
    if (event.target.closest("[data-copy]")) {
      var status = result.querySelector("[data-copy-status]");
      var done = function () { status.textContent = "Kopiert. Fügen Sie den Text jetzt in Ihre E-Mail ein."; };
      var fallback = function () {
        var range = document.createRange();
        range.selectNodeContents(result.querySelector("[data-yaml]"));
        var selection = getSelection();
        selection.removeAllRanges();
        selection.addRange(range);
        status.textContent = document.execCommand && document.execCommand("copy")
          ? "Kopiert. Fügen Sie den Text jetzt in Ihre E-Mail ein."
          : "Der Text ist markiert. Kopieren Sie ihn mit Strg+C (am Telefon: lange drücken, dann Kopieren).";
      };
      if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(state.yaml).then(done, fallback);
      else fallback();
    }
    if (event.target.closest("[data-back]")) {
      result.hidden = true;
      form.hidden = false;
      form.querySelector("[type=submit]").focus();
    }
  });

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!check()) {
      result.hidden = true;
      state.yaml = "";
      return;
    }
    showResult(readObject(form));
  });

  // Enter in a text field (the "Go" key on a phone) moves on instead of checking the whole form
  form.addEventListener("keydown", function (event) {
    var t = event.target;
    if (event.key === "Enter" && t.tagName === "INPUT" && !/^(submit|button|checkbox|radio)$/.test(t.type)) {
      event.preventDefault();
    }
  });

  form.addEventListener("change", function (event) {
    if (event.target === consent) updateRequired();
    var barrier = event.target.closest('[data-kind="bool-or-text"]');
    if (barrier && event.target.matches("[data-item]") && event.target.value.trim()) {
      barrier.querySelector('input[value="text"]').checked = true;
    }
  });

  /* long lists of checkboxes: a filter box */
  form.querySelectorAll("[data-filter]").forEach(function (box) {
    box.closest(".mso-listensuche").hidden = false;
    var items = box.closest("[data-key]").querySelectorAll(".mso-optionen li");
    box.addEventListener("input", function () {
      var q = box.value.trim().toLowerCase();
      items.forEach(function (li) {
        li.hidden = q !== "" && !li.querySelector("input").checked && li.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  });

  /* ---------- start ---------- */

  /* ---------- a draft in this tab: a reload or a phone discarding the tab loses nothing ---------- */

  var DRAFT = "mso-mitmachen:" + (slugParam || "neu");
  var loading = false;

  function saveDraft() {
    if (loading) return;
    try { sessionStorage.setItem(DRAFT, JSON.stringify(readObject(form))); } catch (e) { /* storage off */ }
  }

  function draft() {
    try { return JSON.parse(sessionStorage.getItem(DRAFT) || "null"); } catch (e) { return null; }
  }

  form.addEventListener("input", saveDraft);
  form.addEventListener("change", saveDraft);
  form.addEventListener("click", function (event) {
    if (event.target.closest("[data-remove]")) saveDraft();
    if (event.target.closest("[data-leeren]") && window.confirm("Alle Eingaben in diesem Formular löschen?")) {
      try { sessionStorage.removeItem(DRAFT); } catch (e) { /* storage off */ }
      location.reload();
    }
  });

  /* ---------- start ---------- */

  /** Fill the form with profile data (a published profile or a draft). Dates the form sets itself and
      the consent of persons are never filled in: they are given anew. */
  function load(data) {
    loading = true;
    form.querySelectorAll('[data-kind="list"], [data-kind="repeat"], [data-kind="translated"]').forEach(function (el) {
      rowsOf(el).forEach(function (row) { row.remove(); });
      el._rowCounter = 0;
    });
    fillObject(form, data);
    form.querySelectorAll('[data-kind="list"]').forEach(function (el) {
      if (!rowsOf(el).length) addRow(el, false);
    });
    updateRequired();
    loading = false;
  }

  function start() {
    root.querySelectorAll("[data-ohne-js]").forEach(function (el) { el.hidden = true; });
    var stand = form.querySelector('[data-kind="today"] output');
    if (stand) stand.value = today();
    form.querySelectorAll('[data-kind="list"]').forEach(function (el) { addRow(el, false); });
    form.hidden = false;
    updateRequired();
  }

  function showDraftNote() {
    root.querySelector("[data-entwurf]").hidden = false;
  }

  function prefill(slug) {
    var note = root.querySelector("[data-aenderung]");
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) return;
    fetch(root.dataset.prefill + slug + ".json").then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    }).then(function (data) {
      state.slug = slug;
      state.changing = true;
      var saved = draft();
      load(saved || data);
      if (saved) showDraftNote();
      // consent is given anew with each submission, so it is never pre-ticked; and a change must not
      // withdraw it by accident (withdrawal is an e-mail, see the page)
      if (!saved) consent.checked = false;
      consent.required = true;
      updateRequired();
      note.textContent = "Sie ändern den Eintrag „" + data.name + "“. Das Formular enthält die veröffentlichten " +
        "Angaben. Ändern Sie, was nicht mehr stimmt, bestätigen Sie die Zustimmung und erstellen Sie das Profil.";
      note.hidden = false;
      document.getElementById("formular").focus();
    }).catch(function () {
      note.textContent = "Zu „" + slug + "“ haben wir kein veröffentlichtes Profil gefunden. Sie können das " +
        "Formular trotzdem ausfüllen; schreiben Sie uns dann, welchen Eintrag Sie ändern möchten. Wurde Ihr Eintrag " +
        "ausgeblendet, weil er lange nicht bestätigt wurde, genügt auch eine kurze E-Mail an " + root.dataset.kontakt + ".";
      note.hidden = false;
    });
  }

  start();
  if (slugParam) {
    prefill(slugParam);
  } else if (draft()) {
    load(draft());
    showDraftNote();
  }

  // for tests and curious developers: the same functions the form uses
  window.msoMitmachen = { slugify: slugify, yaml: function (data) { return yamlLines(data, 0).join("\n") + "\n"; } };
})();
