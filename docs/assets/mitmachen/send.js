/* The result: the profile as a readable summary and as a file, and three ways to send it – a prepared
   e-mail (mailto), the file to attach in webmail, or the text to paste. Nothing is sent by the page. */

import { today } from "./dates.js";
import { t } from "./page.js";
import { showSummary } from "./summary.js";
import { toYaml } from "./yaml.js";

// Read by `mso uebernehmen` (hooks/mso/intake): these lines say which profile a submission changes. They
// are part of the file format, not of the page, and are never translated.
const EDIT_LINE = (slug, day) => "Änderung des Profils " + slug + ", erstellt mit dem Formular am " + day + ".";
const NEW_LINE = (day) => "Neues Profil, erstellt mit dem Formular am " + day + ".";
const MODELINE = "yaml-language-server: $schema=../schema/organisation.schema.json";
const MARKER = (slug) => "--- Profil " + slug + ".yml ---";

/** The profile file: the editor's schema line, what it is, and the data. */
export function profileFile(data, { slug, changing, flow }) {
  const day = today().iso;
  return toYaml(data, { head: [MODELINE, changing ? EDIT_LINE(slug, day) : NEW_LINE(day)], flow });
}

function mailto(address, yaml, data, { slug, changing }) {
  const subject = t(changing ? "mail_betreff_aenderung" : "mail_betreff_neu", { name: data.name });
  const body = t(changing ? "mail_text_aenderung" : "mail_text_neu", { datei: slug + ".yml", kurzadresse: slug }) +
    "\n\n" + MARKER(slug) + "\n" + yaml;
  return "mailto:" + address + "?subject=" + encodeURIComponent(subject) +
    "&body=" + encodeURIComponent(body.replace(/\n/g, "\r\n"));
}

/** Copy `text` to the clipboard, or select `fallback` for Ctrl+C; say what happened in `status`. */
function copy(text, fallback, status, done, manual) {
  const select = () => {
    const details = fallback.closest("details");
    if (details) details.open = true;
    const range = document.createRange();
    range.selectNodeContents(fallback);
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    status.textContent = document.execCommand && document.execCommand("copy") ? t(done) : t(manual);
  };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(() => { status.textContent = t(done); }, select);
  } else select();
}

export class Result {
  constructor(section, form, address) {
    this.section = section;
    this.form = form;
    this.address = address;
    this.file = "";
    this.yaml = "";
    section.addEventListener("click", (event) => this.clicked(event));
  }

  part(name) {
    return this.section.querySelector("[data-" + name + "]");
  }

  /** Show the result for `data` under the file name `slug` (a change of that profile, or new). */
  show(data, { slug, changing, flow, noSlug }) {
    this.file = slug + ".yml";
    this.yaml = profileFile(data, { slug, changing, flow });
    showSummary(this.part("zusammenfassung"), this.form, data);
    this.part("yaml").textContent = this.yaml;
    this.part("mailto").href = mailto(this.address, this.yaml, data, { slug, changing });
    this.section.querySelectorAll("[data-dateiname]").forEach((el) => { el.textContent = this.file; });
    this.section.querySelectorAll("[data-copy-status], [data-adresse-status]").forEach((el) => {
      el.textContent = "";
    });
    this.part("nur-gezaehlt").hidden = data.veroeffentlichen === true;
    const note = this.part("kein-dateiname");
    note.hidden = !noSlug;
    note.textContent = noSlug ? t("kein_dateiname", { name: data.name, datei: this.file }) : "";
    this.form.hidden = true;
    this.section.hidden = false;
    this.section.querySelector("h2").focus();
  }

  hide() {
    this.section.hidden = true;
    this.yaml = "";
  }

  clicked(event) {
    const on = (name) => event.target.closest("[data-" + name + "]");
    if (on("download")) {
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([this.yaml], { type: "application/yaml;charset=utf-8" }));
      link.download = this.file;
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    }
    if (on("copy")) copy(this.yaml, this.part("yaml"), this.part("copy-status"), "text_kopiert", "text_markiert");
    if (on("copy-adresse")) {
      copy(this.address, this.part("adresse"), this.part("adresse-status"), "adresse_kopiert", "adresse_markiert");
    }
    if (on("back")) {
      this.section.hidden = true;
      this.form.hidden = false;
      this.form.querySelector("[type=submit]").focus();
    }
  }
}
