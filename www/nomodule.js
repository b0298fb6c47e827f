// Runs only in browsers without JavaScript modules, which cannot run papershelf.
var boot = document.getElementById('boot');
if (boot) boot.textContent = 'papershelf needs a current browser (with JavaScript modules and WebAssembly). Open the site in an up-to-date Chrome, Firefox, Safari or Edge.';
