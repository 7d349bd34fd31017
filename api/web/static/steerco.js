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

// Upload through the ingest job and show its progress (the events, one line in the page's
// language from the server), then the workspace page with what the upload read. Without
// script the form posts to .../files and the answer is that page.
document.addEventListener("submit", async (event) => {
  const form = event.target.closest("form[data-upload]");
  if (!form || !window.fetch || !window.FormData) return;
  event.preventDefault();
  const box = form.querySelector(".upload-progress");
  const bar = box.querySelector("progress");
  const line = box.querySelector(".upload-line");
  const failure = form.querySelector(".upload-error");
  const button = form.querySelector("button[type=submit]");
  const json = { Accept: "application/json" };
  const read = async (answer) => { try { return await answer.json(); } catch (e) { return {}; } };
  failure.hidden = true;
  box.hidden = false;
  button.disabled = true;
  bar.removeAttribute("value");
  line.textContent = form.dataset.sending;
  try {
    const answer = await fetch(form.dataset.upload, {
      method: "POST", body: new FormData(form), headers: json, credentials: "same-origin",
    });
    const started = await read(answer);
    if (!answer.ok || !started.poll) throw new Error(started.message || form.dataset.failed);
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 400));
      const polled = await fetch(started.poll, { headers: json, credentials: "same-origin" });
      const job = await read(polled);
      if (!polled.ok) throw new Error(job.message || form.dataset.failed);
      if (job.line) line.textContent = job.line;
      if (job.total) { bar.max = job.total; bar.value = job.done || 0; }
      if (job.status === "done" && job.next) { window.location.assign(job.next); return; }
      if (job.status !== "running") throw new Error(job.message || form.dataset.failed);
    }
  } catch (error) {
    box.hidden = true;
    failure.textContent = (error && error.message) || form.dataset.failed;
    failure.hidden = false;
    button.disabled = false;
  }
});
