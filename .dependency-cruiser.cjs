/**
 * The layers of Passdesk, enforced (`npm run lint:arch`, one counted check of `npm test`).
 * Paths are relative to the repository root; every rule says why it exists. Type-only imports count too: a
 * layer that needs another's types depends on it as surely as one that calls it (the exception is
 * `electron-entry-lazy`, which is about what the Electron main process loads at run time).
 * scripts/lint-arch.mjs also checks what src/main/shells/electron/main.ts reaches through static imports alone.
 */

/** Node-only npm packages: native bindings, servers, databases, Electron. */
const NODE_ONLY_PACKAGES =
  '^(node_modules/)?(electron|better-sqlite3|serialport|@serialport|usb|node-hid|pg|pg-native|fastify|@fastify|fastify-type-provider-zod|kysely|ws|axios)(/|$)';
/** the Electron package (and its resolution as a core-like module) */
const ELECTRON = '^(node_modules/)?electron(/|$)';
/** the shells that carry the kiosk core: the browser shell (HTTP + WebSocket), and Electron with its preload */
const SHELLS = '^src/(main/shells|preload)/';
/** What the Electron main may load only when asked for (dynamic import): the embedded cloud, the demo data,
 *  the device simulators and the ESC/POS decoder (they come with PASSDESK_SIMULATE_DEVICES=1 or no cloud URL). */
const LAZY_IN_ELECTRON = [
  '^src/cloud/(server|app|demo)\\.ts$',
  '^src/main/devices/[^/]+/(simulator|simPty)\\.ts$',
  '^src/main/devices/printer/(decoder|decoderCommands|decoderEvents|decoderState|jobAssembler)\\.ts$',
  '^src/main/launch/(simulatedDevices|simulatorConsole|demoCard)\\.ts$',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    // ---- the renderer: a browser page --------------------------------------------------------------------
    {
      name: 'renderer-not-to-node',
      comment:
        'The renderer runs in a sandboxed browser page (Electron with nodeIntegration off, or Chromium for the browser shell): Node built-ins do not exist there.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-not-to-node-packages',
      comment:
        'Native bindings, servers, databases and Electron cannot run in the page; the renderer reaches the kiosk only through window.passdesk (the IPC contract).',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: NODE_ONLY_PACKAGES },
    },
    {
      name: 'renderer-only-shared-and-itself',
      comment:
        'The renderer knows the kiosk only through the contract in src/shared: importing the core, devices, shells or cloud would bundle Node code into the page and bypass IPC validation.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { pathNot: '^(src/renderer/|src/shared/|node_modules/)', dependencyTypesNot: ['core'] },
    },
    // ---- the web app: a browser page the cloud serves under /app/ (issue 13) -------------------------------
    {
      name: 'webapp-not-to-node',
      comment: 'The web app runs in a visitor’s or host’s phone browser: Node built-ins do not exist there.',
      severity: 'error',
      from: { path: '^src/webapp/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'webapp-not-to-node-packages',
      comment: 'Native bindings, servers, databases and Electron cannot run in the page; the web app reaches the cloud only over HTTP (/api/v1).',
      severity: 'error',
      from: { path: '^src/webapp/' },
      to: { path: NODE_ONLY_PACKAGES },
    },
    {
      name: 'webapp-only-shared-and-itself',
      comment:
        'The web app knows the cloud only through the contract in src/shared (the zod schemas of the API): importing the cloud, the kiosk or the kiosk renderer would bundle server or kiosk code into a public page.',
      severity: 'error',
      from: { path: '^src/webapp/' },
      to: { pathNot: '^(src/webapp/|src/shared/|node_modules/)', dependencyTypesNot: ['core'] },
    },
    {
      name: 'nothing-to-webapp',
      comment: 'The web app is a page, built on its own (vite.webapp.config.ts): no other layer imports it (the cloud serves its build output as files).',
      severity: 'error',
      from: { pathNot: '^src/webapp/' },
      to: { path: '^src/webapp/' },
    },
    // ---- src/shared: the contract, importable everywhere -------------------------------------------------
    {
      name: 'shared-only-itself-and-zod',
      comment:
        'src/shared runs in the renderer, the preload, the kiosk core and the cloud alike: it may import only its own files and zod (no Node built-ins, no other package, no other layer).',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { pathNot: '^(src/shared/|node_modules/zod/)' },
    },
    // ---- the kiosk core: plain Node, shell-agnostic --------------------------------------------------------
    {
      name: 'core-not-to-devices',
      comment:
        'The kiosk core talks to devices through the DeviceManager interface it declares (src/main/core/devices.ts); the concrete drivers, transports and simulators are wired in by the launchers.',
      severity: 'error',
      from: { path: '^src/main/core/' },
      to: { path: '^src/main/devices/' },
    },
    {
      name: 'core-not-to-shells',
      comment: 'The same core runs under the browser shell and Electron (and in tests): it must not know which shell or launcher runs it.',
      severity: 'error',
      from: { path: '^src/main/core/' },
      to: { path: ['^src/(main/shells|main/launch|preload|renderer)/'] },
    },
    {
      name: 'core-not-to-cloud',
      comment:
        'The kiosk core reaches the cloud only over HTTP (src/shared/sync is the protocol); importing cloud code would couple the kiosk to the server build.',
      severity: 'error',
      from: { path: '^src/main/core/' },
      to: { path: '^src/cloud/' },
    },
    {
      name: 'core-not-to-electron',
      comment: 'The core is plain Node (tests and the browser shell run it without Electron).',
      severity: 'error',
      from: { path: '^src/main/core/' },
      to: { path: ELECTRON },
    },
    // ---- the cloud --------------------------------------------------------------------------------------
    {
      name: 'cloud-not-to-kiosk',
      comment: 'The cloud is deployed on its own (npm run cloud): it must not import the kiosk (core, devices, shells, launchers, preload, renderer).',
      severity: 'error',
      from: { path: '^src/cloud/' },
      to: { path: '^src/(main|preload|renderer)/' },
    },
    {
      name: 'cloud-no-sweep-in-requests',
      comment:
        'Expiry and end-of-window closing are set-based statements of the periodic sweep job, one process at a time (issue 12): no route or service runs them inside a request; reads apply the expiry rule instead (bookingRecords.bookingAsOf). Only the server process (its timer) reaches the job.',
      severity: 'error',
      from: { path: '^src/cloud/', pathNot: '^src/cloud/(server|services/sweepJob)\\.ts$' },
      to: { path: '^src/cloud/services/(sweepJob|visitSweep)\\.ts$' },
    },
    // ---- the shells -------------------------------------------------------------------------------------
    {
      name: 'shell-browser-not-to-electron',
      comment:
        'The browser shell and Electron are alternative shells over the same core: what both need lives in the core, src/shared, src/platform or the launchers.',
      severity: 'error',
      from: { path: '^src/main/shells/browser/' },
      to: { path: ['^src/(main/shells/electron|preload)/', ELECTRON] },
    },
    {
      name: 'shell-electron-not-to-browser',
      comment:
        'Electron (main and preload) must not import the browser shell: shared pieces (content security policy, static file lookup) belong to src/platform.',
      severity: 'error',
      from: { path: '^src/(main/shells/electron|preload)/' },
      to: { path: '^src/main/shells/browser/' },
    },
    {
      name: 'shells-not-to-cloud',
      comment:
        "A shell carries the kiosk core; the embedded cloud is the launchers' business (src/main/launch). Helpers both sides need (secrets, private files) live in src/platform.",
      severity: 'error',
      from: { path: SHELLS },
      to: { path: '^src/cloud/' },
    },
    {
      name: 'launch-to-cloud-only-embedded',
      comment:
        'The launchers may start the embedded cloud (src/cloud/server.ts) and load its demo data (src/cloud/demo.ts), nothing else of the cloud: its internals are not a kiosk library.',
      severity: 'error',
      from: { path: '^src/main/' },
      to: { path: '^src/cloud/', pathNot: '^src/cloud/(server|demo)\\.ts$' },
    },
    {
      name: 'launch-not-to-electron',
      comment: 'The launchers (prepareKiosk and friends) run in plain Node for the browser shell too: no Electron import.',
      severity: 'error',
      from: { path: '^src/main/launch/' },
      to: { path: ['^src/(main/shells/electron|preload)/', ELECTRON] },
    },
    // ---- devices and the platform helpers ---------------------------------------------------------------
    {
      name: 'devices-not-to-upper-layers',
      comment:
        'Device drivers are a library under the kiosk: they see src/shared (their output types) and src/platform, never the core, the shells, the launchers or the cloud.',
      severity: 'error',
      from: { path: '^src/main/devices/' },
      to: { path: '^src/(main/(core|shells|launch)|preload|renderer|cloud)/' },
    },
    {
      name: 'platform-is-a-leaf',
      comment:
        'src/platform holds Node helpers both the cloud and the kiosk use (secrets, private files, HTTP security headers): it imports only itself, src/shared and Node, so importing it couples no layer to another.',
      severity: 'error',
      from: { path: '^src/platform/' },
      to: { path: '^src/(?!platform/|shared/)' },
    },
    // ---- the Electron entry loads the optional parts lazily ---------------------------------------------
    {
      name: 'electron-entry-lazy',
      comment:
        'The Electron main (and the launch code it loads) must not load the embedded cloud, the demo data, the simulators or the ESC/POS decoder at start: only by dynamic import() when asked for (no PASSDESK_CLOUD_URL, PASSDESK_SIMULATE_DEVICES=1). scripts/lint-arch.mjs checks the full static closure of src/main/shells/electron/main.ts.',
      severity: 'error',
      from: { path: '^src/main/(shells/electron|launch)/', pathNot: '^src/main/launch/(simulatedDevices|simulatorConsole|demoCard|browserShell\\.main)\\.ts$' },
      to: { path: LAZY_IN_ELECTRON, dependencyTypesNot: ['dynamic-import', 'type-only'] },
    },
    // ---- hygiene ----------------------------------------------------------------------------------------
    {
      name: 'no-circular',
      comment: 'A cycle makes load order matter and layers meaningless; break it with an interface or by moving the shared piece down.',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-orphans',
      comment: 'A source file nothing imports and that imports nothing is dead code (entry points and static assets excepted).',
      severity: 'error',
      from: { orphan: true, pathNot: ['\\.d\\.ts$', '(^|/)\\.[^/]+\\.(c|m)?js$', '\\.json$', '\\.css$', '\\.html$', '\\.main\\.ts$'] },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve is a typo or a missing dependency.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'not-to-dev-dep',
      comment:
        "Shipped code must not need a devDependency at run time (npm ci --omit=dev would break it); type-only imports are erased. The Electron shell is bundled by esbuild with electron (a devDependency by electron-builder's rule) provided by the runtime; the renderer is bundled by Vite at build time, so its packages (React, zustand, pinyin-pro, tasks-vision) are devDependencies, and so are the web app's (React) and never in the release's node_modules.",
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(main/shells/electron|preload|renderer|webapp)/' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules may be a symlink (git worktrees sharing one install): name packages as node_modules/…
    preserveSymlinks: true,
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
