/** The backup screen's words (admin/backup). */
export const BACKUP_ZH = {
  navBackup: '备份',
  backupTitle: '数据备份',
  backupIntro: '下载云端数据库的完整一致备份。备份含全部个人信息，请像数据库本身一样妥善保管。',
  backupDownload: '下载备份',
  backupDownloading: '正在下载备份…',
  backupProgress: '已下载 {received}',
  backupProgressOf: '已下载 {received} / {total}',
  backupDone: '备份已下载：{name}（{size}）',
  backupRestoreTitle: '如何恢复',
  backupRestoreIntro: '先停止所有云端服务进程，再在服务器上运行：',
  backupRestoreNote: '密钥加密密钥不在备份中，请另行妥善保管，否则恢复后的云端无法签发通行证。',
} as const;

export const BACKUP_EN: Record<keyof typeof BACKUP_ZH, string> = {
  navBackup: 'Backup',
  backupTitle: 'Backup',
  backupIntro: 'Download a complete, consistent backup of the cloud database. It holds all personal data: keep it as private as the database.',
  backupDownload: 'Download a backup',
  backupDownloading: 'Downloading the backup…',
  backupProgress: '{received} downloaded',
  backupProgressOf: '{received} of {total} downloaded',
  backupDone: 'Backup downloaded: {name} ({size})',
  backupRestoreTitle: 'How to restore',
  backupRestoreIntro: 'Stop every cloud process first, then run on the server:',
  backupRestoreNote: 'The key-encryption key is not in the backup: keep it safe separately, or the restored cloud cannot sign passes.',
};
