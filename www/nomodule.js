// Runs only in browsers without JavaScript modules, which cannot run papershelf:
// says so in the site's language (the page's messages, `old-browser`).
var boot = document.getElementById('boot');
var says = 'papershelf needs a current browser (with JavaScript modules and WebAssembly). Open the site in an up-to-date Chrome, Firefox, Safari or Edge.';
try {
  var table = JSON.parse(document.getElementById('papershelf-messages').textContent);
  if (typeof table['old-browser'] === 'string') says = table['old-browser'];
} catch (e) {
  // no table: the English words above
}
if (boot) boot.textContent = says;
