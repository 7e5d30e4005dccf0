/** The admin home's kiosk-mode control and its error code, in both languages (spread into ./messages.ts). */
export const kioskModeZhCN = {
  'admin.kioskMode.exit': '退出全屏锁定模式',
  'admin.kioskMode.exited': '已退出全屏锁定模式：窗口现在可以关闭',
  'error.admin_not_electron': '本机未在 Electron 中运行，没有可退出的全屏锁定模式',
} as const;

export const kioskModeEn: Record<keyof typeof kioskModeZhCN, string> = {
  'admin.kioskMode.exit': 'Leave kiosk mode',
  'admin.kioskMode.exited': 'Kiosk mode left: the window can now be closed',
  'error.admin_not_electron': 'This kiosk is not running in Electron: there is no kiosk mode to leave',
};
