// Citation markers: hovering or focusing shows the cited passage inside its article, with the
// corroborating passages from other outlets; clicking pins the pop-over, Escape closes it.
import { computePosition, flip, shift, offset, autoUpdate } from "@floating-ui/dom";

const CONTEXT = 220; // characters of article text shown on each side of the cited span

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function clipLeft(text) {
  if (text.length <= CONTEXT) return text;
  const cut = text.slice(-CONTEXT);
  const space = cut.indexOf(" ");
  return "…" + (space >= 0 && space < 40 ? cut.slice(space + 1) : cut);
}

function clipRight(text) {
  if (text.length <= CONTEXT) return text;
  const cut = text.slice(0, CONTEXT);
  const space = cut.lastIndexOf(" ");
  return (space > CONTEXT - 40 ? cut.slice(0, space) : cut) + "…";
}

function passage(articles, ref, main) {
  const wrap = el("div", main ? "passage main" : "passage");
  const art = articles.get(ref.a);
  const head = el("div", "phead");
  head.append(el("span", "pnum", String(art ? art.n : "?")));
  head.append(el("span", "poutlet", art ? art.outlet || "Unknown outlet" : "Unknown article"));
  if (art && art.published) head.append(el("span", "pdate", art.published));
  wrap.append(head);
  if (art && main && art.title) wrap.append(el("div", "ptitle", art.title));
  const body = el("p", "ptext");
  if (art) {
    const text = art.text;
    body.append(document.createTextNode(clipLeft(text.slice(0, ref.s))));
    body.append(el("mark", null, text.slice(ref.s, ref.e)));
    body.append(document.createTextNode(clipRight(text.slice(ref.e))));
  }
  wrap.append(body);
  return wrap;
}

// `published`: each article's day as the brief's listings show it (decided in Python, views.py
// `published_text`), never the raw timestamp of story.json.
export function initCitations(story, cites, published) {
  const articles = new Map();
  story.articles.forEach((a, i) =>
    articles.set(a.id, { n: i + 1, outlet: a.outlet, title: a.title, text: a.text, published: (published || {})[a.id] }),
  );
  const pop = el("div", "popover");
  pop.id = "np-popover";
  pop.setAttribute("role", "dialog");
  pop.hidden = true;
  document.body.append(pop);
  let anchor = null;
  let pinned = false;
  let cleanup = null;
  let hideTimer = null;

  function fill(cite) {
    pop.replaceChildren();
    pop.append(passage(articles, cite, true));
    if (cite.corr.length) {
      pop.append(el("div", "plabel", `Also reported by ${cite.corr.length} other source${cite.corr.length > 1 ? "s" : ""}`));
      for (const c of cite.corr) pop.append(passage(articles, c, false));
    }
  }

  function show(button, pin) {
    clearTimeout(hideTimer);
    const cite = cites[Number(button.dataset.cite)];
    if (!cite) return;
    if (anchor) anchor.classList.remove("active");
    anchor = button;
    pinned = pin;
    button.classList.add("active");
    fill(cite);
    pop.hidden = false;
    pop.classList.toggle("pinned", pin);
    if (cleanup) cleanup();
    cleanup = autoUpdate(button, pop, () =>
      computePosition(button, pop, {
        placement: "bottom-start",
        middleware: [offset(6), flip(), shift({ padding: 8 })],
      }).then(({ x, y }) => {
        pop.style.left = `${x}px`;
        pop.style.top = `${y}px`;
      }),
    );
  }

  function hide() {
    pop.hidden = true;
    pinned = false;
    if (anchor) anchor.classList.remove("active");
    anchor = null;
    if (cleanup) cleanup();
    cleanup = null;
  }

  function softHide() {
    if (pinned) return;
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 180);
  }

  document.addEventListener("click", (ev) => {
    const button = ev.target.closest("button.cite");
    if (button) {
      if (anchor === button && pinned) hide();
      else show(button, true);
      return;
    }
    if (!pop.contains(ev.target)) hide();
  });
  document.addEventListener("mouseover", (ev) => {
    const button = ev.target.closest && ev.target.closest("button.cite");
    if (button && !pinned) show(button, false);
  });
  document.addEventListener("mouseout", (ev) => {
    const button = ev.target.closest && ev.target.closest("button.cite");
    if (button && !pinned) softHide();
  });
  pop.addEventListener("mouseover", () => clearTimeout(hideTimer));
  pop.addEventListener("mouseout", softHide);
  document.addEventListener("focusin", (ev) => {
    if (ev.target.matches && ev.target.matches("button.cite") && !pinned) show(ev.target, false);
  });
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && !pop.hidden) {
      const back = anchor;
      hide();
      if (back) back.focus();
    }
  });
}
