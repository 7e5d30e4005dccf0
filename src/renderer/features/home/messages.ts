/**
 * The home feature's words (the start screen), in both languages. Assembled into the dictionaries in
 * src/renderer/i18n (zhCN.ts, en.ts); a unit test checks the languages have the same keys and placeholders.
 */
export const homeZhCN = {
  'home.welcome': '欢迎来访',
  'home.subtitle': '请选择您要办理的业务',
  'home.checkin': '预约签到',
  'home.checkinHint': '输入预约码或手机号,或扫描预约二维码',
  'home.walkin': '访客登记',
  'home.walkinHint': '无预约访客：读取身份证或手动填写，登记后领取通行证',
  'home.comingSoon': '即将推出',
  'home.signOut': '签离',
  'home.signOutHint': '离开时扫描通行证签离',
  'home.today': '今日访客',
  'home.todayHint': '查看今日到访与签离记录',
  'home.revoked.title': '本机已停用',
  'home.revoked.body': '管理平台已停用本机，暂不能办理签到或访客登记。',
  'home.revoked.staff': '请联系管理员',
  'home.revoked.admin': '管理员：重新注册',
} as const;

export const homeEn: Record<keyof typeof homeZhCN, string> = {
  'home.welcome': 'Welcome',
  'home.subtitle': 'What would you like to do?',
  'home.checkin': 'Booked visitor check-in',
  'home.checkinHint': 'Enter your booking code or phone number, or scan your booking QR code',
  'home.walkin': 'Walk-in registration',
  'home.walkinHint': 'No booking? Read your ID card or fill in the form, then get your pass',
  'home.comingSoon': 'Coming soon',
  'home.signOut': 'Sign out',
  'home.signOutHint': 'Scan your pass when you leave',
  'home.today': "Today's visitors",
  'home.todayHint': "See today's arrivals and departures",
  'home.revoked.title': 'This kiosk was disabled',
  'home.revoked.body': 'The management platform disabled this kiosk: check-in and walk-in registration are unavailable.',
  'home.revoked.staff': 'Please contact the administrator',
  'home.revoked.admin': 'Administrator: enrol again',
};
