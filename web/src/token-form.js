// The form that asks for an API key's token when the service answers 401.

import { h } from "./dom.js";

/**
 * Ask for a token in a modal form; resolves to the token, or rejects when the person
 * cancels. `detail` is what the service said.
 */
export function askForToken(detail) {
  return new Promise((resolve, reject) => {
    const input = h("input", {
      type: "password",
      id: "token-input",
      name: "token",
      required: true,
      autocomplete: "off",
      placeholder: "srm_…",
    });
    const dialog = h(
      "dialog",
      { class: "token-dialog", "aria-labelledby": "token-title" },
      h(
        "form",
        { method: "dialog" },
        h("h2", { id: "token-title" }, "This service needs an API key"),
        h("p", { class: "detail" }, detail),
        h("label", { for: "token-input" }, "Token (from srm keys create NAME --scopes read)"),
        input,
        h("p", { class: "hint" }, "Kept for this tab only, and sent with every request."),
        h(
          "div",
          { class: "actions" },
          h("button", { type: "submit", value: "use", class: "primary" }, "Use token"),
          h("button", { type: "submit", value: "cancel", formnovalidate: true }, "Cancel"),
        ),
      ),
    );
    dialog.addEventListener("close", () => {
      const token = input.value.trim();
      dialog.remove();
      if (dialog.returnValue === "use" && token) resolve(token);
      else reject(Object.assign(new Error(detail), { status: 401, detail }));
    });
    document.body.append(dialog);
    dialog.showModal();
    input.focus();
  });
}
