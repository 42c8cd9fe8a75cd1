/* global document, window */
// The print-friendly history's Print button. Only a browser running this script can use it, so
// only this script adds it: without JavaScript the page has no button (the browser's own Print works).
const slot = document.getElementById('print-button');
if (slot) {
  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'print-page';
  button.className = 'govuk-button govuk-button--secondary';
  button.textContent = 'Print this page';
  button.addEventListener('click', () => window.print());
  slot.appendChild(button);
}
