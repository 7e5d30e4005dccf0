/**
 * The signout feature's words (sign-out by pass and today's visitors), in both languages. Assembled into the dictionaries in
 * src/renderer/i18n (zhCN.ts, en.ts); a unit test checks the languages have the same keys and placeholders.
 */
export const signOutZhCN = {
  'signOut.title': '签离',
  'signOut.label': '通行证',
  'signOut.placeholder': '请扫描通行证二维码',
  'signOut.hint': '请将通行证二维码对准扫码器;也可以在“今日访客”中选择签离',
  'signOut.submit': '签离',
  'signOut.done': '{name},您已签离,欢迎再次来访',
  'signOut.openToday': '今日访客',

  'today.title': '今日访客',
  'today.empty': '今日暂无访客',
  'today.loading': '正在加载…',
  'today.count': '共 {count} 人次,在场 {onSite} 人',
  'today.checkedIn': '到访 {time}',
  'today.checkedOut': '离开 {time}',
  'today.onSite': '在场',
  'today.left': '已离开',
  'today.host': '受访人 {name}',
  'today.notSynced': '待同步',
  'today.signOut': '签离',
  'today.confirmSignOut': '确认签离',
  'today.refresh': '刷新',
} as const;

export const signOutEn: Record<keyof typeof signOutZhCN, string> = {
  'signOut.title': 'Sign out',
  'signOut.label': 'Pass',
  'signOut.placeholder': 'Scan your pass QR code',
  'signOut.hint': "Hold your pass QR code to the scanner, or sign out from Today's visitors",
  'signOut.submit': 'Sign out',
  'signOut.done': '{name}, you are signed out. Thank you for visiting.',
  'signOut.openToday': "Today's visitors",

  'today.title': "Today's visitors",
  'today.empty': 'No visitors yet today',
  'today.loading': 'Loading…',
  'today.count': '{count} visits, {onSite} on site',
  'today.checkedIn': 'In {time}',
  'today.checkedOut': 'Out {time}',
  'today.onSite': 'On site',
  'today.left': 'Left',
  'today.host': 'Host: {name}',
  'today.notSynced': 'Not synced yet',
  'today.signOut': 'Sign out',
  'today.confirmSignOut': 'Confirm sign-out',
  'today.refresh': 'Refresh',
};
