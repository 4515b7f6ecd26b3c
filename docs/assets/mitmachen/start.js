/* The /mitmachen/ form: checks the input in the browser, makes the profile file, offers it for e-mail,
   download and copy, and fills the form from /mitmachen/vereine/<slug>.json for a change (?verein=<slug>).
   Nothing is sent anywhere by the page. Without JavaScript (or without modules) the page shows the e-mail
   and paper routes instead.

   page.js     texts and rules the page carries      model.js    the form as data, rows of lists
   checks.js   checks and German messages            yaml.js     the YAML writer
   slug.js     the file name of a new profile        summary.js  the readable summary
   send.js     the result: mailto, download, copy    drafts.js   the draft in this tab */

import { check, updateRequired } from "./checks.js";
import { shown, today } from "./dates.js";
import { Draft } from "./drafts.js";
import { addRow, load, prepare, readObject, removeRow } from "./model.js";
import { KIND, RULES, t } from "./page.js";
import { Result } from "./send.js";
import { slugify } from "./slug.js";

const root = document.querySelector(".mso-mitmachen");
const form = document.getElementById("mso-formular");
if (root && form && RULES) start();

function start() {
  const consent = form.querySelector('[data-key="veroeffentlichen"] input');
  const result = new Result(document.getElementById("mso-ergebnis"), form, root.dataset.kontakt);
  const wanted = new URLSearchParams(location.search).get("verein") || "";
  const draft = new Draft(wanted || "neu");
  const flow = new Set([...form.querySelectorAll('[data-kind="' + KIND.CHOICES + '"]')].map((el) => el.dataset.key));
  const state = { slug: "", changing: false, loading: false };

  function save() {
    if (!state.loading) draft.save(readObject(form));
  }

  function fillWith(data) {
    state.loading = true;
    load(form, data);
    updateRequired(form);
    state.loading = false;
  }

  form.addEventListener("click", (event) => {
    const add = event.target.closest("[data-add]");
    const remove = event.target.closest("[data-remove]");
    if (add) addRow(add.closest("[data-key]"), true);
    if (remove) {
      removeRow(remove.closest("[data-row]"));
      save();
    }
    if (event.target.closest("[data-leeren]") && window.confirm(t("alles_loeschen"))) {
      draft.clear();
      location.reload();
    }
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!check(form, state)) {
      result.hide();
      return;
    }
    const data = readObject(form);
    let slug = state.slug;
    let noSlug = false;
    if (!state.changing) {
      try {
        slug = await slugify(data.name, { url: root.dataset.umschrift, min: RULES.slug.min_length,
          max: RULES.slug.max_length });
      } catch (e) {
        slug = ""; // the table could not be loaded (offline): the staff makes the name
      }
      noSlug = !slug;
      slug = slug || t("ersatz_dateiname");
    }
    result.show(data, { slug, changing: state.changing, flow, noSlug });
  });

  // Enter in a text field (the "Go" key on a phone) moves on instead of checking the whole form
  form.addEventListener("keydown", (event) => {
    const target = event.target;
    if (event.key === "Enter" && target.tagName === "INPUT" && !/^(submit|button|checkbox|radio)$/.test(target.type)) {
      event.preventDefault();
    }
  });

  form.addEventListener("change", (event) => {
    if (event.target === consent) updateRequired(form);
    const barrier = event.target.closest('[data-kind="' + KIND.BOOL_OR_TEXT + '"]');
    if (barrier && event.target.matches("[data-item]") && event.target.value.trim()) {
      barrier.querySelector('input[value="text"]').checked = true;
    }
    save();
  });
  form.addEventListener("input", save);

  // long lists of checkboxes: a filter box
  form.querySelectorAll("[data-filter]").forEach((box) => {
    box.closest(".mso-listensuche").hidden = false;
    const items = box.closest("[data-key]").querySelectorAll(".mso-optionen li");
    box.addEventListener("input", () => {
      const q = box.value.trim().toLowerCase();
      items.forEach((li) => {
        li.hidden = q !== "" && !li.querySelector("input").checked && !li.textContent.toLowerCase().includes(q);
      });
    });
  });

  root.querySelectorAll("[data-ohne-js]").forEach((el) => { el.hidden = true; });
  const stand = form.querySelector('[data-kind="' + KIND.TODAY + '"] output');
  if (stand) stand.value = shown(today());
  prepare(form);
  form.hidden = false;
  updateRequired(form);

  const saved = draft.read();
  if (wanted) {
    prefill(wanted, saved);
  } else if (saved) {
    fillWith(saved);
    root.querySelector("[data-entwurf]").hidden = false;
  }

  /** A change of a published profile: fill the form with its data and say which consents are given anew. */
  async function prefill(slug, saved) {
    const note = root.querySelector("[data-aenderung]");
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug)) return;
    let data;
    try {
      const response = await fetch(root.dataset.prefill + slug + ".json");
      if (!response.ok) throw new Error(String(response.status));
      data = await response.json();
    } catch (e) {
      note.replaceChildren(paragraph(t("aenderung_unbekannt", { kurzadresse: slug, adresse: root.dataset.kontakt })));
      note.hidden = false;
      return;
    }
    state.slug = slug;
    state.changing = true;
    fillWith(saved || data);
    if (saved) root.querySelector("[data-entwurf]").hidden = false;
    // consent is given anew with each submission, so it is never pre-ticked; and a change must not withdraw
    // it by accident (withdrawal is an e-mail, see the page)
    if (!saved) consent.checked = false;
    consent.required = true;
    updateRequired(form);
    showConsentNote(note, data);
    note.hidden = false;
    document.getElementById("formular").focus();
  }

  function paragraph(text) {
    const p = document.createElement("p");
    p.textContent = text;
    return p;
  }

  /** What a change asks for again, and why: the consent to publish, and each named person's consent. */
  function showConsentNote(note, data) {
    const persons = (data.ansprechpersonen || []).map((person) => person.name).filter(Boolean);
    const title = document.createElement("p");
    const strong = document.createElement("strong");
    strong.textContent = t("aenderung_titel", { name: data.name });
    title.append(strong, " ", t("aenderung_text"));
    const list = document.createElement("ul");
    const item = (text, target) => {
      const li = document.createElement("li");
      const link = document.createElement("a");
      link.href = "#" + target.id;
      link.textContent = text;
      link.addEventListener("click", (event) => { // the keyboard goes to the box, not only the view
        event.preventDefault();
        target.focus();
        target.scrollIntoView({ block: "center" });
      });
      li.append(link);
      list.append(li);
    };
    item(t("aenderung_zustimmung"), consent);
    const boxes = form.querySelectorAll('[data-kind="' + KIND.CONSENT_DATE + '"] input');
    if (persons.length && boxes.length) {
      item(t("aenderung_personen", { namen: persons.join(", "), num: persons.length }), boxes[0]);
    }
    note.replaceChildren(title, list, paragraph(t(persons.length ? "aenderung_warum_personen" : "aenderung_warum")));
  }
}
