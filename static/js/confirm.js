// Ask before a change that matters, in a dialog of the page (large buttons), answering true or false.
const dialog = document.getElementById('confirm-dialog');
const question = document.getElementById('confirm-question');

export function confirmChange(text) {
  question.textContent = text;
  dialog.showModal();
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'yes'), { once: true });
  });
}
