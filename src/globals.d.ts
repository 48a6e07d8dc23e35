/** Content hash of the sources this page was built from (see vite.config.ts). */
declare const __CODE_FINGERPRINT__: string
/** 'build' for a production build, 'dev' under the dev server, 'test' under vitest. */
declare const __BUILD_MODE__: string
