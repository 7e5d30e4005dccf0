/**
 * The devices feature's words (the status bar's device chips), in both languages. Assembled into the dictionaries in
 * src/renderer/i18n (zhCN.ts, en.ts); a unit test checks the languages have the same keys and placeholders.
 */
export const devicesZhCN = {
  'device.idReader': '身份证阅读器',
  'device.thermometer': '测温仪',
  'device.printer': '打印机',
  'device.scanner': '扫码器',
  'device.camera': '摄像头',
  'deviceStatus.disabled': '未启用',
  'deviceStatus.disconnected': '未连接',
  'deviceStatus.connecting': '连接中',
  'deviceStatus.ready': '就绪',
  'deviceStatus.busy': '工作中',
  'deviceStatus.error': '故障',
  'paper.out': '缺纸',
  'paper.near_end': '纸将用尽',
  'camera.refused': '未授权',
  'camera.heldElsewhere': '被占用',
} as const;

export const devicesEn: Record<keyof typeof devicesZhCN, string> = {
  'device.idReader': 'ID reader',
  'device.thermometer': 'Thermometer',
  'device.printer': 'Printer',
  'device.scanner': 'Scanner',
  'device.camera': 'Camera',
  'deviceStatus.disabled': 'Disabled',
  'deviceStatus.disconnected': 'Not connected',
  'deviceStatus.connecting': 'Connecting',
  'deviceStatus.ready': 'Ready',
  'deviceStatus.busy': 'Working',
  'deviceStatus.error': 'Error',
  'paper.out': 'Out of paper',
  'paper.near_end': 'Paper low',
  'camera.refused': 'Not allowed',
  'camera.heldElsewhere': 'In use elsewhere',
};
