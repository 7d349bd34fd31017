// Copy the brief as Markdown or as rich text (for an e-mail). No network, no framework.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const status = document.getElementById("copy-status");
  try {
    if (button.dataset.copy === "markdown") {
      await navigator.clipboard.writeText(document.getElementById("brief-markdown").textContent);
    } else {
      const html = document.getElementById("brief-body").innerHTML;
      const text = document.getElementById("brief-body").innerText;
      await navigator.clipboard.write([new ClipboardItem({
        "text/html": new Blob([html], { type: "text/html" }),
        "text/plain": new Blob([text], { type: "text/plain" }),
      })]);
    }
    status.textContent = button.dataset.done;
  } catch (error) {
    status.textContent = button.dataset.failed;
  }
});
