const { src, dest } = require('gulp');

/** Copies what tsc does not emit (icons) into dist/, keeping the folder layout. */
function copyIcons() {
	return src(['icons/**/*.{png,svg}', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:icons'] = copyIcons;
