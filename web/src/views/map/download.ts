// Saves what the page made (an export) as a file: through a link to a blob, which the CSP
// allows and which leaves nothing on the server.
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the blob after the click returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
