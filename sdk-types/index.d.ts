/**
 * The callscript scenario API: everything the prelude defines inside the sandbox, declared for the author's editor
 * and for `callscript check`. Names, arguments and payloads follow VoxEngine's, so existing scenarios type-check.
 *
 * Use it from a scenario folder's tsconfig.json: `"include": ["*.scenario.ts", "<path>/sdk-types/index.d.ts"]`
 * with `"lib": ["ES2022"]` and `"types": []` (the Node typings declare their own `setTimeout` and `require`).
 */
/// <reference path="./voices.d.ts" />
/// <reference path="./constants.d.ts" />
/// <reference path="./app-events.d.ts" />
/// <reference path="./call-events.d.ts" />
/// <reference path="./call.d.ts" />
/// <reference path="./media-units.d.ts" />
/// <reference path="./voxengine.d.ts" />
/// <reference path="./globals.d.ts" />
