// Quote groups: mark the words of each wording that differ from the group's first wording
// (a word-level longest common subsequence; quotes are short, so O(n*m) is fine).

function tokens(text) {
  return text.match(/\S+/g) || [];
}

function norm(word) {
  return word.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
}

export function changedWords(base, words) {
  const a = base.map(norm);
  const b = words.map(norm);
  const table = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--)
      table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  const changed = new Array(b.length).fill(true);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      changed[j] = false;
      i++;
      j++;
    } else if (table[i + 1][j] >= table[i][j + 1]) i++;
    else j++;
  }
  return changed;
}

export function markVariants(root) {
  for (const list of root.querySelectorAll("ol.variants")) {
    const spans = [...list.querySelectorAll(".variant .words")];
    if (spans.length < 2) continue;
    // the group's own wording (the fullest, matched "exact"), not the first in article order,
    // which may be a one-word fragment of it: against that, every other wording is all change
    const reference =
      spans.find((span) => span.closest(".variant")?.dataset.match === "exact") ?? spans[0];
    const base = tokens(reference.textContent);
    for (const span of spans.filter((s) => s !== reference)) {
      const words = tokens(span.textContent);
      if (words.length > 400 || base.length > 400) continue;
      const changed = changedWords(base, words);
      if (!changed.some(Boolean)) continue;
      span.replaceChildren();
      words.forEach((word, k) => {
        if (k) span.append(" ");
        if (changed[k]) {
          const ins = document.createElement("ins");
          ins.textContent = word;
          span.append(ins);
        } else span.append(word);
      });
    }
  }
}
