// The preview page: marks the template shown in the frame.
const links = document.querySelectorAll('nav a');
function mark(current) {
  for (const a of links) a.style.fontWeight = a === current ? 'bold' : 'normal';
}
for (const a of links) a.addEventListener('click', () => mark(a));
mark(links[0]);
