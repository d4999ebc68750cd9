// Copies what n8n's loader reads beside the compiled code: the provider icons (dist/icons) and each node's codex
// file (`<Node>.node.json` next to `<Node>.node.js`: categories, search aliases, documentation links).
const { src, dest, task, parallel } = require('gulp');

const icons = () => src('icons/*.svg').pipe(dest('dist/icons'));
const codex = () => src('nodes/**/*.node.json', { base: '.' }).pipe(dest('dist'));

task('build:assets', parallel(icons, codex));
task('build:icons', parallel(icons, codex));
