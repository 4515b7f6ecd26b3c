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

/** The page's text `key`, with its {placeholders} filled in. */
export function t(key, values = {}) {
  if (!(key in TEXTS)) throw new Error("Text fehlt in mitmachen_texte.html: " + key);
  return format(TEXTS[key], values);
}
