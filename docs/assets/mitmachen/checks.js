/* Checks before the profile is made, with German messages at the field and in a list at the top.

   The rules are `mso validate`'s: the browser's own checks (required, pattern from the schema, length,
   number range), the characters mso.characters refuses, and e-mail addresses, links and telephone numbers
   as mso.links and phonenumbers see them. Where the form cannot check as finely as Python, it is stricter.
   A wrong value is named with the schema's own words: „33617x“ ist keine Postleitzahl. Eine Postleitzahl … */

import { control, fieldsOf, isEmpty, labelOf, readObject, rowsOf } from "./model.js";
import { format, KIND, RULES, t } from "./page.js";

const CHARS = RULES.zeichen;
const chars = (cls) => new RegExp("[" + cls + "]", "u");
const FORBIDDEN = chars(CHARS.forbidden);
const SEPARATOR = chars(CHARS.separators);
const NONCHARACTER = chars(CHARS.noncharacters);
const BIDI = chars(CHARS.bidi);
const FORMAT = chars(CHARS.format);
const MARK = chars(CHARS.marks);
const EXTEND = chars(CHARS.extend);
const DRAWN = new RegExp("[^" + CHARS.blank + "]", "u");
const HOST_LETTER = chars(RULES.host.letters);
const TEXT_INPUTS = [KIND.TEXT, KIND.TEXTAREA, KIND.EMAIL, KIND.URL, KIND.TEL, KIND.NUMBER, KIND.DATE, KIND.CHOICE];

/* ---------- characters (mso.characters) ---------- */

function codePoint(char) {
  return "U+" + char.codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
}

function anywhereMessage(char) {
  const key = SEPARATOR.test(char) ? "separator" : NONCHARACTER.test(char) ? "noncharacter" : "control";
  return format(CHARS.messages[key], { zeichen: codePoint(char) });
}

/** Why `text` cannot stand in a field of one line (or of several lines), or "". */
export function textProblem(text, multiLine) {
  for (const char of text) {
    if (multiLine && (char === "\t" || char === "\n")) continue;
    if (char === "\n") {
      const rest = text.replace(/\n+$/, "");
      const where = rest && !rest.includes("\n") ? CHARS.messages.at_end : CHARS.messages.inside;
      return format(CHARS.messages.line_break, { wo: where });
    }
    if (char === "\t") return CHARS.messages.tab;
    if (FORBIDDEN.test(char)) return anywhereMessage(char);
  }
  if (!multiLine) {
    for (const char of text) {
      if (BIDI.test(char)) return format(CHARS.messages.bidi, { zeichen: codePoint(char) });
      if (FORMAT.test(char)) return format(CHARS.messages.format, { zeichen: codePoint(char) });
    }
  }
  // marks per cluster: spacing marks and format characters (ZWJ …) between them do not start a new count
  let marks = 0;
  let index = 0;
  for (const char of text) {
    index += 1;
    if (MARK.test(char)) marks += 1;
    else if (!EXTEND.test(char)) marks = 0;
    if (marks > CHARS.max_marks) return format(CHARS.messages.marks, { stelle: index, hoechstens: CHARS.max_marks });
  }
  if (text && !DRAWN.test(text)) return CHARS.messages.blank;
  return "";
}

/* ---------- links, e-mail addresses, telephone numbers (mso.links, email_validator, phonenumbers) ---------- */

const LDH = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** The host name in ASCII (punycode), or "" if mso.links.check_host could refuse it. Hosts may hold ASCII
    letters, digits, dots, hyphens and the Latin letters Python accepts; an A-label typed as such (xn--…)
    is refused, because the form cannot see which letters it stands for. */
function asciiHost(raw) {
  const host = raw.replace(/\.+$/, "");
  if (!host || ![...host].every((c) => /[A-Za-z0-9.-]/.test(c) || HOST_LETTER.test(c))) return "";
  // as typed: no label empty or starting or ending with a hyphen; "--" in 3rd and 4th place only in A-labels
  if (host.toLowerCase().split(".").some((label) => !label || /^-|-$|^..--/.test(label))) return "";
  let ascii;
  try {
    ascii = new URL("http://" + host + "/").hostname.replace(/\.+$/, "");
  } catch (e) {
    return "";
  }
  const labels = ascii.split(".");
  if (labels.length < 2 || !labels.every((label) => LDH.test(label)) || /^\d+$/.test(labels[labels.length - 1]) ||
      ascii.length > 253) return "";
  return ascii;
}

export function urlFits(value) {
  let url;
  try {
    url = new URL(value);
  } catch (e) {
    return false;
  }
  const authority = /^https?:\/\/([^/?#]*)/i.exec(value);
  if (!/^https?:$/.test(url.protocol) || !authority || authority[1].includes("@") || value.includes("\\")) return false;
  const parts = /^([^:]*)(?::(\d*))?$/.exec(authority[1]);
  if (!parts) return false;
  if (parts[2] && !(Number(parts[2]) >= 1 && Number(parts[2]) <= 65535)) return false;
  return asciiHost(parts[1]) !== "";
}

const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const LOCAL = new RegExp("^" + ATOM + "(\\." + ATOM + ")*$");

export function emailFits(value) {
  if ([...RULES.email.reserved].some((c) => value.includes(c))) return false;
  const at = value.lastIndexOf("@");
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  if (at < 1 || !LOCAL.test(local) || local.length > 64 || domain.endsWith(".")) return false;
  const ascii = asciiHost(domain);
  if (!ascii || !/[a-z]$/.test(ascii) || local.length + 1 + ascii.length > 254) return false;
  return !RULES.email.special_use.some((name) => ascii === name || ascii.endsWith("." + name));
}

/** A number that phonenumbers calls possible: with the trunk prefix (0521 …) for a German number, else with
    + or 00 and a country code. Only the lengths are checked, as phonenumbers.is_possible_number does. */
export function phoneFits(value) {
  const rules = RULES.telefon;
  const digits = value.replace(/[ ()/-]/g, "");
  let rest;
  if (digits.startsWith("+")) rest = digits.slice(1);
  else if (digits.startsWith(rules.international)) rest = digits.slice(rules.international.length);
  else if (digits.startsWith(rules.trunk)) {
    const length = digits.length - rules.trunk.length;
    const possible = rules.lengths[rules.home];
    // phonenumbers may keep the trunk prefix: then the number is one digit longer
    return /^\d+$/.test(digits) && possible.includes(length) && possible.includes(length + 1);
  } else return false;
  if (!/^[1-9]\d*$/.test(rest)) return false;
  for (let n = 1; n <= 3; n += 1) {
    const code = rest.slice(0, n);
    if (code in rules.lengths) return rules.lengths[code].includes(rest.length - n);
  }
  return false;
}

/* ---------- the form ---------- */

/** Required-ness that depends on other answers: publishing, a partly filled group, a barrier text. */
export function updateRequired(form) {
  const publishing = form.querySelector('[data-key="veroeffentlichen"] input').checked;
  form.querySelectorAll("[data-when-published]").forEach((el) => {
    if (el.classList.contains("mso-pflicht")) el.hidden = !publishing;
  });
  fieldsOf(form).forEach((el) => {
    const needed = el.hasAttribute("data-required") || (publishing && el.hasAttribute("data-when-published"));
    el.dataset.needed = needed ? "1" : "";
    const kind = el.dataset.kind;
    if (TEXT_INPUTS.includes(kind)) control(el).required = needed;
    if (kind === KIND.TRANSLATED) el.querySelector('[data-lang="de"] textarea').required = needed;
    if (kind === KIND.GROUP) {
      const given = !isEmpty(readObject(el));
      fieldsOf(el).forEach((child) => {
        if (child.hasAttribute("data-required-in-group")) control(child).required = given;
      });
    }
  });
  form.querySelectorAll("[data-row]").forEach((row) => {
    fieldsOf(row).forEach((child) => {
      if (child.hasAttribute("data-required")) control(child).required = true;
    });
  });
  form.querySelectorAll('[data-kind="' + KIND.BOOL_OR_TEXT + '"]').forEach((el) => {
    const chosen = el.querySelector("input[type=radio]:checked");
    el.querySelector("[data-item]").required = !!chosen && chosen.value === "text";
  });
}

/** "Name: Bitte füllen Sie dieses Feld aus." */
function say(label, text) {
  return t("meldung", { feld: label, text });
}

/** The value named with the schema's words: „info@verein“ ist keine gültige E-Mail-Adresse. Beispiel: … */
function wrongValue(input, label) {
  const said = [input.dataset.fehler || t("schreibweise"), input.dataset.hinweis || ""].join(" ").trim();
  return t("falscher_wert", { feld: label, wert: input.value.trim(), fehler: said });
}

function nativeMessage(input, label, consent, changing) {
  const v = input.validity;
  if (v.valueMissing) {
    if (input === consent && changing) return say(label, t("zustimmung_fehlt"));
    if (input.type === "checkbox") return say(label, t("einwilligung_fehlt"));
    if (input.tagName === "SELECT") return say(label, t("auswahl_fehlt"));
    return say(label, t("pflichtfeld"));
  }
  if (v.badInput) return say(label, t("keine_zahl"));
  if (v.typeMismatch || v.patternMismatch) return wrongValue(input, label);
  if (v.tooLong) return say(label, t("zu_lang", { num: input.maxLength, jetzt: input.value.length }));
  if (v.rangeUnderflow || v.rangeOverflow || v.stepMismatch) {
    return say(label, t("zahlenbereich", { von: input.min, bis: input.max }));
  }
  return "";
}

function extraMessage(input, label) {
  if (input.type === "checkbox" || input.tagName === "SELECT") return "";
  const multiLine = input.tagName === "TEXTAREA";
  const value = multiLine ? input.value : input.value.trim();
  if (!value.trim()) return input.required ? say(label, t("pflichtfeld")) : ""; // only blanks: left out
  const problem = textProblem(value, multiLine);
  if (problem) return say(label, problem);
  const length = [...value].length; // what Python counts; maxlength in the browser counts UTF-16 units
  if (input.maxLength > 0 && length > input.maxLength) {
    return say(label, t("zu_lang", { num: input.maxLength, jetzt: length }));
  }
  if ((input.type === "email" && !emailFits(value)) || (input.type === "url" && !urlFits(value)) ||
      (input.type === "tel" && !phoneFits(value))) return wrongValue(input, label);
  return "";
}

/** The label a message uses for one control. */
function controlLabel(input, el) {
  const row = input.closest("[data-row]");
  const number = row ? rowsOf(el).indexOf(row) + 1 : 0;
  if (el.dataset.kind === KIND.TRANSLATED) {
    if (!number) return t("feld_auf_deutsch", { feld: el.dataset.label });
    return t(input.hasAttribute("data-lang-select") ? "feld_sprache" : "feld_sprache_text",
      { feld: el.dataset.label, nummer: number });
  }
  if (el.dataset.kind === KIND.BOOL_OR_TEXT) return t("feld_beschreibung", { feld: el.dataset.label });
  if (number && el.dataset.kind === KIND.LIST) { // Angebot 2, Link 1
    return t("eintrag_nummer", { eintrag: el.dataset.itemLabel, nummer: number });
  }
  return labelOf(el);
}

/** Check the whole form; mark every problem at its field, list them at the top. True if there is none. */
export function check(form, { changing }) {
  updateRequired(form);
  const consent = form.querySelector('[data-key="veroeffentlichen"] input');
  const summary = form.querySelector("[data-fehlerliste]");
  const problems = [];
  form.querySelectorAll("[aria-invalid]").forEach((el) => el.removeAttribute("aria-invalid"));
  form.querySelectorAll(".mso-feld__fehler").forEach((p) => { p.hidden = true; p.textContent = ""; });

  function report(el, target, message) {
    target.setCustomValidity(message);
    target.setAttribute("aria-invalid", "true");
    const box = el.querySelector(".mso-feld__fehler");
    if (box && box.closest("[data-key]") === el && box.hidden) {
      box.textContent = message;
      box.hidden = false;
    }
    problems.push({ target, message });
  }

  form.querySelectorAll("input, select, textarea").forEach((input) => {
    if (input.type === "search" || input.type === "radio" || input.closest("template")) return;
    input.setCustomValidity("");
    const el = input.closest("[data-key]");
    if (!el) return;
    const label = controlLabel(input, el);
    const message = nativeMessage(input, label, consent, changing) || extraMessage(input, label);
    if (message) report(el, input, message);
  });

  form.querySelectorAll('[data-kind="' + KIND.CHOICES + '"]').forEach((el) => {
    if (el.dataset.needed && !el.querySelector("input[type=checkbox]:checked")) {
      report(el, el.querySelector("input[type=checkbox]"), say(el.dataset.label, t("mindestens_eins")));
    }
  });
  form.querySelectorAll("[data-min-properties]").forEach((el) => {
    if (el.dataset.needed && isEmpty(readObject(el))) report(el, control(el), say(el.dataset.label, t("kontaktweg")));
  });
  form.querySelectorAll('[data-kind="' + KIND.LIST + '"][data-unique]').forEach((el) => {
    const seen = new Set();
    rowsOf(el).forEach((row, i) => {
      const input = row.querySelector("[data-item]");
      const value = input.value.trim();
      if (value && seen.has(value) && !input.hasAttribute("aria-invalid")) {
        report(el, input, say(t("eintrag_nummer", { eintrag: el.dataset.itemLabel, nummer: i + 1 }),
          t("doppelt", { wert: value })));
      }
      seen.add(value);
    });
  });
  form.querySelectorAll('[data-kind="' + KIND.TRANSLATED + '"]').forEach((el) => {
    const seen = new Set();
    rowsOf(el).forEach((row, i) => {
      const select = row.querySelector("[data-lang-select]");
      if (select.value && seen.has(select.value)) {
        report(el, select, say(t("feld_sprache", { feld: el.dataset.label, nummer: i + 1 }), t("sprache_doppelt")));
      }
      seen.add(select.value);
    });
  });
  showSummary(summary, problems);
  return problems.length === 0;
}

function showSummary(summary, problems) {
  summary.replaceChildren();
  if (!problems.length) {
    summary.hidden = true;
    return;
  }
  const title = document.createElement("h3");
  title.textContent = t("pruefen", { num: problems.length });
  const list = document.createElement("ul");
  problems.forEach((problem) => {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = "#" + problem.target.id;
    link.textContent = problem.message;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      problem.target.focus();
      problem.target.scrollIntoView({ block: "center" });
    });
    item.appendChild(link);
    list.appendChild(item);
  });
  summary.append(title, list);
  summary.hidden = false;
  summary.focus();
}
