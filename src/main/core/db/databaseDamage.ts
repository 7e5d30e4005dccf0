/**
 * What the kiosk says when its database was found damaged at start (./integrity.ts): the error the core's creation
 * throws, and its words for the start-up error screen, in zh-CN and English. No imports: the shells' start-up paths
 * load it without the database driver.
 */

export const DAMAGED_MARKER = 'database-damaged.json';

export interface DatabaseDamage {
  /** the damaged database as kept, beside where it was (its -wal / -shm with the same name) */
  keptAs: string;
  detectedAt: string;
  /** what the check (or SQLite opening it) said, at most 20 lines */
  problems: string[];
}

export class KioskDatabaseDamagedError extends Error {
  constructor(readonly damage: DatabaseDamage) {
    super(`the kiosk database is damaged; kept as ${damage.keptAs} for recovery (${damage.problems[0] ?? 'unreadable'})`);
    this.name = 'KioskDatabaseDamagedError';
  }
}

/** The start-up error screen's words: a title and lines, in both languages (the screen shows both). */
export function damagedDatabaseWords(damage: DatabaseDamage): Record<'zh-CN' | 'en', { title: string; lines: string[] }> {
  return {
    'zh-CN': {
      title: '访客机数据库已损坏,暂停使用',
      lines: [
        '请访客到人工前台登记。工作人员:请联系管理员。',
        `损坏的数据库已原样保留,供恢复使用:${damage.keptAs}`,
        `发现时间:${damage.detectedAt}`,
        `管理员:备份该文件(可用 sqlite3 的 .recover 恢复未同步的签到)后,删除数据目录中的 ${DAMAGED_MARKER},再重新启动;访客机将使用新的数据库,需重新注册。`,
      ],
    },
    en: {
      title: 'The kiosk’s database is damaged: the kiosk is out of service',
      lines: [
        'Visitors: please register at the staffed desk. Staff: please call the administrator.',
        `The damaged database is kept as it was, for recovery: ${damage.keptAs}`,
        `Found at: ${damage.detectedAt}`,
        `Administrator: copy that file away (sqlite3's .recover can retrieve check-ins not yet synced), then delete ${DAMAGED_MARKER} from the data folder and start the kiosk again; it starts on a new database, to be enrolled again.`,
      ],
    },
  };
}
