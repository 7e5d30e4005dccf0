/**
 * The gate feature's words (gate mode), in both languages. Assembled into the dictionaries in src/renderer/i18n
 * (zhCN.ts, en.ts); a unit test checks the languages have the same keys and placeholders.
 */
export const gateZhCN = {
  'home.gate': '闸口模式',
  'home.gateHint': '只扫通行证:进出校验',
  'gate.title': '闸口验证',
  'gate.label': '通行证',
  'gate.placeholder': '请将通行证二维码对准扫码器',
  'gate.hint': '扫码后自动判断是否通行;也可输入通行证内容',
  'gate.submit': '验证',
  'gate.direction': '通行方向',
  'gate.entry': '进入',
  'gate.exit': '离开',
  'gate.passed': '通过',
  'gate.denied': '未通过',
  'gate.entryRecorded': '已记录进入',
  'gate.exitRecorded': '已记录离开',
  'gate.again': '{seconds} 秒后继续扫码',
  'gate.next': '继续扫码',
  'gate.startHere': '开机进入闸口模式',
} as const;

export const gateEn: Record<keyof typeof gateZhCN, string> = {
  'home.gate': 'Gate mode',
  'home.gateHint': 'Scan passes only: entry and exit',
  'gate.title': 'Gate check',
  'gate.label': 'Pass',
  'gate.placeholder': 'Hold the pass QR code to the scanner',
  'gate.hint': 'Each scan is judged at once; the pass text may also be typed',
  'gate.submit': 'Check',
  'gate.direction': 'Direction',
  'gate.entry': 'Entry',
  'gate.exit': 'Exit',
  'gate.passed': 'Pass',
  'gate.denied': 'Denied',
  'gate.entryRecorded': 'Entry recorded',
  'gate.exitRecorded': 'Exit recorded',
  'gate.again': 'Scanning again in {seconds} s',
  'gate.next': 'Scan next',
  'gate.startHere': 'Start the kiosk in gate mode',
};
