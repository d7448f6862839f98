// The explain view's switches: each shows or hides the removed blocks of its kind.
"use strict";
for (const box of document.querySelectorAll("input[data-kind-switch]")) {
  box.addEventListener("change", () => {
    for (const block of document.querySelectorAll(".block[data-kind]")) {
      if (block.dataset.kind === box.value) block.hidden = !box.checked;
    }
  });
}
