// zairyu pages: behaviour that must not be inline (the Content-Security-Policy allows only 'self').
// After htmx swaps in the next question, move the keyboard focus to it, so that a screen reader
// and a keyboard user continue from the new question, not from the top of the page.
document.addEventListener("htmx:afterSettle", function (event) {
  var target = event.detail && event.detail.elt;
  var focus = (target && target.querySelector && target.querySelector("[data-focus]")) ||
    document.querySelector("[data-focus]");
  if (focus) {
    focus.focus();
  }
});
