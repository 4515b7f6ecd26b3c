/* What the page tells the form's script. The texts come from the template (mitmachen_texte.html), so that
   translating the templates translates the form; the rules come from Python (mso.fields.browser), so that
   the form refuses what `mso validate` refuses. */

function island(id) {
  const element = document.getElementById(id);
  return element ? JSON.parse(element.textContent) : null;
}

export const TEXTS = island("mso-texte");
export const RULES = island("mso-regeln");
/** The field kinds of mso.fields.FieldKind, by name: KIND.TEXTAREA === "textarea". */
export const KIND = RULES ? RULES.kinds : {};

/** `template` with each {name} replaced by values[name]. */
export function format(template, values = {}) {
  return template.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
}

const PLURALS = new Intl.PluralRules((TEXTS && TEXTS["sprache"]) || document.documentElement.lang || "de");

/** The page's text `key`, with its {placeholders} filled in. A counted text (one form per plural category of
    the language) takes the form for `values.num`. */
export function t(key, values = {}) {
  if (!(key in TEXTS)) throw new Error("Text fehlt in mitmachen_texte.html: " + key);
  let text = TEXTS[key];
  if (typeof text === "object") text = text[PLURALS.select(values.num)] || text.other || Object.values(text)[0];
  return format(text, values);
}
