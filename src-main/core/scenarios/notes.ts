// SPDX-License-Identifier: Apache-2.0
// The five study notes the lessons come from (file names as shipped in the notes folder).

export const STUDY_NOTES: Record<string, string> = {
  '000_b2d8148c07994eac.txt': 'Pod 探针、重启策略与镜像拉取策略',
  '001_9ae14472436263dd.txt': 'Pod 入门到实战',
  '002_c7cd318d7dc38f2d.txt': 'POD 生命周期、initContainer 与探针',
  '003_6039a16cdad10bf5.txt': 'Pod 状态、Init 容器与 startupProbe 笔记',
  '004_7fc9ece844ceb82d.txt': 'Pod 状态与容器健康',
};
