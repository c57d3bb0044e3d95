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
    const base = tokens(spans[0].textContent);
    for (const span of spans.slice(1)) {
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
