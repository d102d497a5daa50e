// SPDX-License-Identifier: Apache-2.0
// postStart timing (kuberuntime_container.go `startContainer`, step 4; ground truth §5.1).

import { definePrediction } from './define';
import { SLACK } from './prediction';

/**
 * The postStart handler runs synchronously in the pod worker after StartContainer, so the API
 * keeps the container waiting (STATUS ContainerCreating) until the hook returns; startedAt is
 * the runtime's start time, from before the hook.
 */
export const postStartRunning = definePrediction(
  {
    name: 'postStartRunning',
    summary: 'With a postStart hook, the API shows the container running only after the hook returns.',
    args: ['postStartSeconds'],
  },
  ({ postStartSeconds: h }) => ({
    lo: h,
    hi: h + SLACK.kill,
    explain: {
      en: `the status stays ContainerCreating while the ${h} s postStart hook runs (the entrypoint already runs beside it); +${SLACK.kill} s slack`,
      zh: `${h} 秒的 postStart 钩子运行期间，状态一直是 ContainerCreating（入口程序已在一旁运行）；另加 ${SLACK.kill} 秒余量`,
    },
  }),
);
