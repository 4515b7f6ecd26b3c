/* The profile as YAML, written the way the hand-written profiles are: keys in schema order, vocabulary
   lists as [a, b], text plain where PyYAML (YAML 1.1) reads it back unchanged, multi-line text as a
   literal block (|), everything else double-quoted with escapes. Only maps, lists, text, numbers, booleans
   and days occur. tests/browser/test_mitmachen_properties.py proves that whatever the form lets through
   is read back by `mso validate` exactly as typed. Written here rather than taken from a library: the subset
   is small, and `yaml` (eemeli, ISC) ships its browser build as 73 modules and writes YAML 1.2, which PyYAML
   reads as 1.1 (`on`, `no`, `12:30`). */

import { Day } from "./dates.js";

// Characters PyYAML refuses in a file, reads as line breaks, or drops (BOM): never written raw.
const RAW_NOT_OK = /[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]/u;
const ESCAPE = /[^\t\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]/gu;

/** May `s` be written without quotes, and read back as the same string? */
export function plain(s, inFlow = false) {
  return s !== "" && s.trim() === s && !/^[-?:,[\]{}#&*!|>'"%@`0-9+.~=<]/.test(s) &&
    !/: |:$| #|[\n\t]/.test(s) && !RAW_NOT_OK.test(s) &&
    !/^(true|false|yes|no|on|off|y|n|null)$/i.test(s) && !(inFlow && /[,[\]{}]/.test(s));
}

function quoted(s) {
  // a JSON string is a YAML double-quoted string; escape what JSON leaves raw and YAML must not see
  return JSON.stringify(s).replace(ESCAPE, (c) => {
    const code = c.codePointAt(0);
    return code > 0xffff ? "\\U" + code.toString(16).padStart(8, "0") : "\\u" + code.toString(16).padStart(4, "0");
  });
}

/** Multi-line text as a literal block, when it reads back unchanged and `mso validate` accepts its lines;
    else null. Not for text that starts with white space, ends in more than one line break, has a line of
    only blanks, or a line whose indentation would hold a tab. */
function block(s, indent) {
  const text = s.replace(/\n$/, "");
  if (!s.includes("\n") || /\n$/.test(text) || RAW_NOT_OK.test(s) || /^\s/.test(s) || /^[ \t]+$/m.test(text) ||
      /^ *\t/m.test(text)) return null;
  const pad = " ".repeat(indent + 2);
  return (text === s ? "|-" : "|") + "\n" + text.split("\n").map((line) => (line === "" ? "" : pad + line)).join("\n");
}

function scalar(value, indent) {
  if (value instanceof Day) return value.iso;
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return String(value);
  if (plain(value)) return value;
  return block(value, indent) || quoted(value);
}

function key(name) {
  return plain(name, true) ? name : quoted(name);
}

/** The lines of `data` at `indent`; keys in `flow` hold lists written as [a, b]. */
export function yamlLines(data, indent, flow) {
  const pad = " ".repeat(indent);
  const out = [];
  Object.keys(data).forEach((name) => {
    const value = data[name];
    if (Array.isArray(value) && flow.has(name)) {
      out.push(pad + key(name) + ": [" + value.map((v) => (plain(v, true) ? v : quoted(v))).join(", ") + "]");
    } else if (Array.isArray(value)) {
      out.push(pad + key(name) + ":");
      value.forEach((item) => {
        if (typeof item === "object" && !(item instanceof Day)) {
          const inner = yamlLines(item, indent + 4, flow);
          out.push(pad + "  - " + inner[0].trim());
          out.push(...inner.slice(1));
        } else {
          out.push(pad + "  - " + scalar(item, indent + 2));
        }
      });
    } else if (typeof value === "object" && !(value instanceof Day)) {
      out.push(pad + key(name) + ":");
      out.push(...yamlLines(value, indent + 2, flow));
    } else {
      out.push(pad + key(name) + ": " + scalar(value, indent));
    }
  });
  return out;
}

/** The whole file: comment lines first, then the data. */
export function toYaml(data, { head, flow }) {
  return head.map((line) => "# " + line).concat(yamlLines(data, 0, flow)).join("\n") + "\n";
}
