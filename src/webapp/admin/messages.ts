/** The admin area's words (merged into the web app's table by i18n/messages.ts; English typed by the Chinese). */
export const ADMIN_ZH = {
  navAdmin: '管理',
  adminNav: '管理导航',
  adminSignInTitle: '管理员登录',
  adminSignInIntro: '请输入管理员令牌。',
  fieldAdminToken: '管理员令牌',
  adminTokenRejected: '此令牌无效或无管理权限',
  adminHomeTitle: '园区管理',
  adminHomeIntro: '请选择要管理的内容。',
  adminHomeEmpty: '暂无可管理的内容。',
} as const;

export const ADMIN_EN: Record<keyof typeof ADMIN_ZH, string> = {
  navAdmin: 'Admin',
  adminNav: 'Administration',
  adminSignInTitle: 'Administrator sign-in',
  adminSignInIntro: 'Enter the administrator token.',
  fieldAdminToken: 'Administrator token',
  adminTokenRejected: 'This token is not valid or may not administer the site',
  adminHomeTitle: 'Site administration',
  adminHomeIntro: 'Choose what to manage.',
  adminHomeEmpty: 'Nothing to manage yet.',
};
