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
  'camera.none': '未检测到摄像头',
  'camera.refused': '摄像头未获授权',
  'camera.heldElsewhere': '摄像头被其他程序占用',
  'camera.inUse': '拍照中',
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
  'camera.none': 'No camera found',
  'camera.refused': 'Camera permission refused',
  'camera.heldElsewhere': 'Camera held by another program',
  'camera.inUse': 'Taking a photo',
};
