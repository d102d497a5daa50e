// SPDX-License-Identifier: Apache-2.0
// The two languages of the lab.
export type Lang = 'zh' | 'en';
