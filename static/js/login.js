// A login held back after wrong passwords: the button counts the wait down and comes back when a try can count.
const form = document.querySelector('.login-form');
const button = form.querySelector('button[type="submit"]');
const label = button.textContent;
const until = Date.now() + Number(form.dataset.waitSeconds) * 1000;

function tick() {
  const left = Math.ceil((until - Date.now()) / 1000);
  if (left <= 0) {
    button.disabled = false;
    button.textContent = label;
    return;
  }
  button.disabled = true;
  button.textContent = `Wait ${left} s`;
  setTimeout(tick, 250);
}

tick();
