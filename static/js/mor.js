// The MOR page: one button to print (the print stylesheet fits the month on A4 or Letter, landscape).
document.getElementById('print')?.addEventListener('click', () => window.print());
