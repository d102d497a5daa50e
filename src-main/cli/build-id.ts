// SPDX-License-Identifier: Apache-2.0
// Which build of podlab is running: scripts/build-cli.ts writes a fresh id into each bundle.

declare const __PODLAB_BUILD_ID__: string | undefined;

/**
 * The bundle's build id, or undefined when podlab runs from its sources (tsx, tests): the code there
 * can change between two starts without anything saying so, so nothing may be cached against it.
 */
export const BUILD_ID: string | undefined = typeof __PODLAB_BUILD_ID__ === 'string' ? __PODLAB_BUILD_ID__ : undefined;
