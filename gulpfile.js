// Copies the provider icons next to the compiled nodes and credentials, where n8n's loader looks for them.
const { src, dest, task } = require('gulp');

task('build:icons', () => src('icons/*.svg').pipe(dest('dist/icons')));
