/* The profile as people read it: field names and values in German, lists as lists, persons one by one,
   days as "22. November 2026", vocabulary values by their names. Built from the profile data and the form's
   own labels; text from the form only ever goes in as text. */

import { Day, shown } from "./dates.js";
import { fieldsOf, rowsOf } from "./model.js";
import { KIND, t } from "./page.js";

function node(tag, className, text) {
  const element = document.createElement(tag);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

/** The label of the option or checkbox with `value` in field `el`, with its language marks
    (Arabisch – العربية). */
function termLabel(el, value) {
  const span = node("span");
  const option = [...el.querySelectorAll("option")].find((o) => o.value === value);
  const box = [...el.querySelectorAll("input[type=checkbox]")].find((b) => b.value === value);
  const label = box && el.querySelector('label[for="' + box.id + '"]');
  if (option) span.textContent = option.textContent;
  else if (label) span.append(...[...label.childNodes].map((child) => child.cloneNode(true)));
  else span.textContent = value;
  return span;
}

function text(value, multiLine) {
  return node(multiLine ? "p" : "span", multiLine ? "mso-mehrzeilig" : "", value);
}

function list(items) {
  const ul = node("ul");
  items.forEach((item) => {
    const li = node("li");
    li.append(item);
    ul.append(li);
  });
  return ul;
}

function value(el, data) {
  switch (el.dataset.kind) {
    case KIND.BOOLEAN:
      return text(data ? t("ja") : t("nein"));
    case KIND.BOOL_OR_TEXT:
      return text(data === true ? t("ja") : data === false ? t("nein") : data);
    case KIND.TODAY: case KIND.CONSENT_DATE: case KIND.DATE:
      return text(data instanceof Day ? shown(data) : String(data));
    case KIND.CHOICE:
      return termLabel(el, data);
    case KIND.CHOICES:
      return list(data.map((v) => termLabel(el, v)));
    case KIND.LIST:
      return list(data.map((v) => text(v)));
    case KIND.TEXTAREA:
      return text(data, true);
    case KIND.GROUP:
      return fields(el, data);
    case KIND.REPEAT: {
      const rows = rowsOf(el);
      const ol = node("ol", "mso-zusammenfassung__liste");
      data.forEach((item, i) => {
        const li = node("li");
        const number = t("eintrag_nummer", { eintrag: el.dataset.itemLabel, nummer: i + 1 });
        li.append(node("span", "mso-zusammenfassung__nummer", number), fields(rows[0] || el, item));
        ol.append(li);
      });
      return ol;
    }
    case KIND.TRANSLATED: {
      const texts = typeof data === "string" ? { de: data } : data;
      const dl = node("dl", "mso-zusammenfassung__sprachen");
      Object.keys(texts).forEach((lang) => {
        const select = el.querySelector("[data-lang-select]") || el.querySelector("template").content
          .querySelector("[data-lang-select]");
        const option = select && [...select.options].find((o) => o.value === lang);
        dl.append(node("dt", "", lang === "de" ? t("sprache_deutsch") : option ? option.textContent : lang));
        const dd = node("dd");
        const p = text(texts[lang], true);
        p.lang = lang;
        p.dir = lang === "de" ? "ltr" : (option && option.dataset.dir) || "auto";
        dd.append(p);
        dl.append(dd);
      });
      return dl;
    }
    default:
      return text(String(data));
  }
}

/** A description list of the fields of `container` (the form, a group, a row) that `data` holds. */
function fields(container, data) {
  const dl = node("dl", "mso-zusammenfassung");
  fieldsOf(container).forEach((el) => {
    if (!(el.dataset.key in data)) return;
    dl.append(node("dt", "", el.dataset.label));
    const dd = node("dd");
    dd.append(value(el, data[el.dataset.key]));
    dl.append(dd);
  });
  return dl;
}

/** Show `data` in `target` as a readable summary, in the order of the form. */
export function showSummary(target, form, data) {
  target.replaceChildren(fields(form, data));
}
