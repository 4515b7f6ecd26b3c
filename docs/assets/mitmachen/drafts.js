/* A draft in this browser tab (sessionStorage): a reload or a phone discarding the tab loses nothing, and
   closing the window forgets it – a shared computer keeps nothing. */

export class Draft {
  constructor(name) {
    this.key = "mso-mitmachen:" + name;
  }

  save(data) {
    try {
      sessionStorage.setItem(this.key, JSON.stringify(data));
    } catch (e) { /* storage off or full: the form works without */ }
  }

  read() {
    try {
      return JSON.parse(sessionStorage.getItem(this.key) || "null");
    } catch (e) {
      return null;
    }
  }

  clear() {
    try {
      sessionStorage.removeItem(this.key);
    } catch (e) { /* storage off */ }
  }
}
