/* The form as data: read it into a profile, fill it from one, add and remove rows (offers, links,
   persons, further languages). The form is generated from the schema; every field wrapper names its key
   (`data-key`) and kind (`data-kind`, a FieldKind), and rows of lists live in `data-row`. */

import { Day, today } from "./dates.js";
import { KIND, t } from "./page.js";

const counters = new WeakMap(); // list field → number of rows ever added (ids stay unique)
const orders = new WeakMap(); // choices field → the order its values were loaded in

/** The field wrappers directly inside `container` (the form, a group or a row). */
export function fieldsOf(container) {
  return [...container.querySelectorAll("[data-key]")].filter(
    (el) => el.parentElement.closest("[data-key], [data-row], form") === container);
}

/** The rows of a list field, in order. */
export function rowsOf(el) {
  return [...el.querySelectorAll("[data-row]")].filter((row) => row.parentElement.closest("[data-key]") === el);
}

export function control(el) {
  return el.querySelector("input, select, textarea, output");
}

export function isEmpty(value) {
  return value === undefined || value === null || value === "" ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === "object" && !Array.isArray(value) && !(value instanceof Day) &&
      Object.keys(value).length === 0);
}

/* ---------- rows ---------- */

export function addRow(el, focus = false) {
  const list = el.querySelector("[data-rows]");
  const template = el.querySelector(":scope > template");
  const n = (counters.get(el) || 0) + 1;
  counters.set(el, n);
  const holder = document.createElement(list.tagName === "OL" ? "ol" : "div");
  holder.innerHTML = template.innerHTML.replace(/__N__/g, String(n)); // the template is the page's own markup
  const row = holder.firstElementChild;
  list.appendChild(row);
  renumber(el);
  row.querySelectorAll("[data-lang-select]").forEach((select) => {
    select.addEventListener("change", () => languageChosen(select));
  });
  if (focus) {
    const first = row.querySelector("input:not([type=hidden]), select, textarea");
    if (first) first.focus();
  }
  return row;
}

function renumber(el) {
  rowsOf(el).forEach((row, i) => {
    row.querySelectorAll("[data-row-number]").forEach((span) => {
      if (span.closest("[data-row]") === row) span.textContent = String(i + 1);
    });
  });
}

export function removeRow(row) {
  const el = row.parentElement.closest("[data-key]");
  const index = rowsOf(el).indexOf(row);
  row.remove();
  renumber(el);
  const rest = rowsOf(el);
  const next = rest[Math.min(index, rest.length - 1)];
  const target = next ? next.querySelector("input, select, textarea") : el.querySelector("[data-add]");
  if (target) target.focus();
}

/** A further language of the description: the text box takes the language and direction of the choice. */
function languageChosen(select) {
  const text = select.closest("[data-row]").querySelector("textarea");
  const option = select.selectedOptions[0];
  text.lang = select.value || "";
  text.dir = (option && option.dataset.dir) || "auto";
}

/* ---------- reading ---------- */

/** The value of one field as the profile holds it; "" for a field left empty. Single-line text is trimmed;
    multi-line text stays as typed unless it is only white space. */
export function read(el) {
  const input = control(el);
  switch (el.dataset.kind) {
    case KIND.TEXT: case KIND.EMAIL: case KIND.URL: case KIND.TEL:
      return input.value.trim();
    case KIND.DATE:
      return input.value ? new Day(input.value) : "";
    case KIND.TEXTAREA:
      return input.value.trim() ? input.value : "";
    case KIND.NUMBER:
      return input.value.trim() === "" ? "" : Number(input.value);
    case KIND.BOOLEAN:
      return input.checked ? true : (el.hasAttribute("data-required") ? false : "");
    case KIND.CONSENT_DATE:
      return input.checked ? today() : "";
    case KIND.TODAY:
      return today();
    case KIND.CHOICE:
      return el.dataset.default !== undefined && input.value === el.dataset.default ? "" : input.value;
    case KIND.CHOICES: {
      const checked = [...el.querySelectorAll("input[type=checkbox]")].filter((box) => box.checked)
        .map((box) => box.value);
      const first = (orders.get(el) || []).filter((v) => checked.includes(v));
      return first.concat(checked.filter((v) => !first.includes(v)));
    }
    case KIND.LIST:
      return rowsOf(el).map((row) => row.querySelector("[data-item]").value.trim()).filter((v) => v !== "");
    case KIND.GROUP:
      return readObject(el);
    case KIND.REPEAT:
      return rowsOf(el).map(readObject).filter((obj) => !isEmpty(obj));
    case KIND.TRANSLATED: {
      const texts = {};
      const de = el.querySelector('[data-lang="de"] textarea').value;
      if (de.trim()) texts.de = de;
      rowsOf(el).forEach((row) => {
        const lang = row.querySelector("[data-lang-select]").value;
        const text = row.querySelector("textarea").value;
        if (lang && text.trim() && !(lang in texts)) texts[lang] = text;
      });
      const langs = Object.keys(texts);
      if (langs.length === 0) return "";
      return langs.length === 1 && langs[0] === "de" ? texts.de : texts;
    }
    case KIND.BOOL_OR_TEXT: {
      const chosen = el.querySelector("input[type=radio]:checked");
      const value = chosen ? chosen.value : "";
      if (value === "true") return true;
      if (value === "false") return false;
      if (value === "text") return el.querySelector("[data-item]").value.trim();
      return "";
    }
  }
  throw new Error("Unbekannte Feldart: " + el.dataset.kind);
}

/** The fields of `container` as an object, empty ones left out. */
export function readObject(container) {
  const data = {};
  fieldsOf(container).forEach((el) => {
    const value = read(el);
    if (!isEmpty(value)) data[el.dataset.key] = value;
  });
  // a row of persons with only the consent ticked is still empty
  const keys = Object.keys(data);
  if (keys.length === 1 && data[keys[0]] instanceof Day && container.matches("[data-row]")) return {};
  return data;
}

/* ---------- filling ---------- */

function fill(el, value) {
  const input = control(el);
  switch (el.dataset.kind) {
    case KIND.TEXT: case KIND.EMAIL: case KIND.URL: case KIND.TEL: case KIND.TEXTAREA: case KIND.NUMBER:
      input.value = String(value);
      break;
    case KIND.DATE: case KIND.CHOICE:
      input.value = value;
      break;
    case KIND.BOOLEAN:
      input.checked = value === true;
      break;
    case KIND.CHOICES:
      orders.set(el, value.slice());
      el.querySelectorAll("input[type=checkbox]").forEach((box) => { box.checked = value.includes(box.value); });
      break;
    case KIND.LIST:
      rowsOf(el).forEach((row) => row.remove());
      value.forEach((item) => { addRow(el).querySelector("[data-item]").value = item; });
      break;
    case KIND.GROUP:
      fillObject(el, value);
      break;
    case KIND.REPEAT:
      value.forEach((item) => fillObject(addRow(el), item));
      break;
    case KIND.TRANSLATED: {
      const texts = typeof value === "string" ? { de: value } : value;
      Object.keys(texts).forEach((lang) => {
        if (lang === "de") {
          el.querySelector('[data-lang="de"] textarea').value = texts.de;
          return;
        }
        const row = addRow(el);
        const select = row.querySelector("[data-lang-select]");
        select.value = lang;
        languageChosen(select);
        row.querySelector("textarea").value = texts[lang];
      });
      break;
    }
    case KIND.BOOL_OR_TEXT: {
      const which = value === true ? "true" : value === false ? "false" : "text";
      el.querySelector('input[type=radio][value="' + which + '"]').checked = true;
      if (which === "text") el.querySelector("[data-item]").value = value;
      break;
    }
  }
}

function fillObject(container, data) {
  fieldsOf(container).forEach((el) => {
    if (Object.prototype.hasOwnProperty.call(data, el.dataset.key)) fill(el, data[el.dataset.key]);
  });
}

/** Empty rows for the lists, today's date: the form as it starts. */
export function prepare(form) {
  form.querySelectorAll('[data-kind="' + KIND.LIST + '"]').forEach((el) => addRow(el));
}

/** Fill the form with profile data (a published profile or a draft). Dates the form sets itself and the
    consent of persons are never filled in: they are given anew. */
export function load(form, data) {
  const withRows = [KIND.LIST, KIND.REPEAT, KIND.TRANSLATED].map((kind) => '[data-kind="' + kind + '"]').join(", ");
  form.querySelectorAll(withRows).forEach((el) => {
    rowsOf(el).forEach((row) => row.remove());
    counters.set(el, 0);
  });
  fillObject(form, data);
  form.querySelectorAll('[data-kind="' + KIND.LIST + '"]').forEach((el) => {
    if (!rowsOf(el).length) addRow(el);
  });
}

/* ---------- names of fields, as messages and the summary say them ---------- */

/** "Adresse – Postleitzahl", "Ansprechperson 2: E-Mail". */
export function labelOf(el) {
  let label = el.dataset.label;
  const parent = el.parentElement.closest("[data-key], [data-row]");
  if (parent && parent.dataset.kind === KIND.GROUP) {
    label = t("feld_in_gruppe", { gruppe: parent.dataset.label, feld: label });
  }
  const row = el.closest("[data-row]");
  if (row) {
    const list = row.parentElement.closest("[data-key]");
    const entry = t("eintrag_nummer", { eintrag: list.dataset.itemLabel || list.dataset.label,
      nummer: rowsOf(list).indexOf(row) + 1 });
    label = t("meldung", { feld: entry, text: label });
  }
  return label;
}
