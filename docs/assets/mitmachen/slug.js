/* The Kurzadresse (file name) of a new profile, made as mso.slugs.slugify makes it: python-slugify with the
   German replacements (ä→ae, ß→ss), text_unidecode's transliteration and the HTML entities it decodes. The
   table for the common scripts is mitmachen/umschrift.json, loaded once when a profile is made. For a name
   with other characters (Chinese, Korean …) or too short a result, the answer is "" and the form says so;
   `mso uebernehmen` then makes the name itself. tests/browser/test_mitmachen.py compares both. */

let table = null;

async function loadTable(url) {
  if (!table) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(String(response.status));
    const data = await response.json();
    const chars = new Map();
    data.blocks.forEach(([first, values]) => values.forEach((value, i) => {
      if (value !== null) chars.set(first + i, value);
    }));
    table = { ...data, chars };
  }
  return table;
}

/** text_unidecode.unidecode for the characters the table holds; null if one is missing. */
function transliterate(text, chars) {
  let out = "";
  for (const char of text) {
    const code = char.codePointAt(0);
    if (code < 0x80) out += char;
    else if (code > 0xffff) out += ""; // text_unidecode drops everything beyond its table
    else if (chars.has(code)) out += chars.get(code);
    else return null;
  }
  return out;
}

/** python-slugify's entity decoding (after transliteration, as in its legacy pipeline). */
function decodeEntities(text, entities) {
  text = text.replace(/&([A-Za-z0-9]+);/g, (all, name) => (name in entities ? entities[name] : all));
  for (const [pattern, base] of [[/&#(\d+);/g, 10], [/&#x([\da-fA-F]+);/g, 16]]) {
    const codes = [...text.matchAll(pattern)].map((m) => parseInt(m[1], base));
    if (codes.every((code) => code <= 0x10ffff)) {
      text = text.replace(pattern, (all, digits) => String.fromCodePoint(parseInt(digits, base)));
    }
  }
  return text;
}

/** smart_truncate(text, max, word_boundary=True, separator="-") from python-slugify. */
function truncate(text, max) {
  text = text.replace(/^-+|-+$/g, "");
  if (text.length < max) return text;
  if (!text.includes("-")) return text.slice(0, max);
  let out = "";
  for (const word of text.split("-")) {
    if (!word) continue;
    const next = out.length + word.length;
    if (next < max) out += word + "-";
    else if (next === max) {
      out += word;
      break;
    }
  }
  if (!out) out = text.slice(0, max);
  return out.replace(/^-+|-+$/g, "");
}

/** The slug of `name` exactly as Python makes it, or "" if the form cannot make a valid one. */
export async function slugify(name, { url, min, max }) {
  const data = await loadTable(url);
  let text = name;
  for (const [from, to] of data.german) text = text.split(from).join(to);
  text = text.replace(/'+/g, "-").normalize("NFKD");
  text = transliterate(text, data.chars);
  if (text === null) return "";
  text = decodeEntities(text, data.entities).normalize("NFKD").toLowerCase();
  text = text.replace(/'+/g, "").replace(/(?<=\p{Nd}),(?=\p{Nd})/gu, "");
  text = text.replace(/[^-a-zA-Z0-9]+/g, "-").replace(/-{2,}/g, "-").replace(/^-+|-+$/g, "");
  const slug = truncate(text, max);
  return slug.length >= min && slug.length <= max && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(slug) ? slug : "";
}
