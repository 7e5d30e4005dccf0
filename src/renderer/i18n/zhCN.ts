import { keyboardZhCN } from '../components/keyboard/messages';
import { adminZhCN } from '../features/admin/messages';
import { checkinZhCN } from '../features/checkin/messages';
import { devicesZhCN } from '../features/devices/messages';
import { gateZhCN } from '../features/gate/messages';
import { homeZhCN } from '../features/home/messages';
import { signOutZhCN } from '../features/signout/messages';
import { syncZhCN } from '../features/sync/messages';
import { walkinZhCN } from '../features/walkin/messages';
import { faceZhCN } from '../features/face/messages';
import { staffPhotoZhCN } from '../features/staffphoto/messages';

/**
 * Simplified Chinese: the kiosk's default language. Every visible string has a key here and in en.ts: the shell's
 * (top bar, status bar, banners, shared components, error codes) below, each feature's in its messages.ts.
 */
export const shellZhCN = {
  'app.name': 'Passdesk 访客机',
  'app.skipToContent': '跳到主要内容',

  'common.back': '返回',
  'common.home': '返回首页',
  'common.retry': '重试',
  'common.working': '正在处理…',
  'common.errorCode': '代码:{code}',

  'lang.switchTo': 'English',
  'lang.switchLabel': '切换到英文',

  'status.label': '系统状态',
  'status.devicesNone': '未配置设备',

  'connection.connecting': '正在连接访客机服务…',
  'connection.reconnecting': '与访客机服务的连接已断开,正在重新连接…',
  'connection.noSecret': '缺少启动凭据,请工作人员重新启动访客机',

  'keypad.label': '屏幕键盘',
  'keypad.clear': '清空',
  'keypad.backspace': '删除',

  'error.bad_input': '输入有误,请检查后重试',
  'error.not_found': '未找到相关记录,请核对后重试',
  'error.not_approved': '该预约尚未通过审核,请联系受访人',
  'error.rejected': '该预约未通过审核,请联系受访人',
  'error.already_arrived': '该预约已经签到过了',
  'error.already_left': '该访客已经签离',
  'error.too_early': '还未到预约的来访时间,请稍后再来',
  'error.window_closed': '预约的来访时间已过,请联系受访人重新预约',
  'error.cancelled': '该预约已取消',
  'error.pass_malformed': '无法识别该二维码,请确认是本单位的通行证',
  'error.pass_unknown_key': '无法验证该通行证,请联系前台工作人员',
  'error.pass_bad_signature': '通行证无效,请联系前台工作人员',
  'error.pass_not_yet_valid': '通行证尚未生效',
  'error.pass_expired': '通行证已过期',
  'error.pass_key_revoked': '通行证已失效,请联系前台工作人员',
  'error.pass_wrong_site': '该通行证不属于本单位,请联系前台工作人员',
  'error.pass_revoked': '该通行证已被撤销,请联系前台工作人员',
  'error.gate_not_a_pass': '未识别到通行证,请扫描通行证二维码',
  'error.booking_unknown': '本机查不到该通行证的预约,请联系前台工作人员',
  'error.booking_pending': '该预约尚未审核通过',
  'error.booking_rejected': '该预约已被拒绝',
  'error.booking_cancelled': '该预约已取消',
  'error.booking_expired': '该预约已过期',
  'error.visitor_left': '该访客已离开,通行证不再有效',
  'error.ipc_unavailable': '访客机服务未连接,请稍候重试',
  'error.ipc_disconnected': '与访客机服务的连接中断,请重试',
  'error.ipc_timeout': '处理超时,请重试',
  'error.ipc_bad_response': '访客机服务返回了无法识别的数据,请联系管理员',
  'error.qr_render_failed': '二维码生成失败,请联系前台工作人员',
  'error.storage_full': '本机存储空间已满,本次操作未记录,请联系前台工作人员通知管理员',
  'error.internal': '系统出错,请联系前台工作人员',
  'error.card_expired': '身份证信息已失效，请重新放置身份证',
  'error.device_unavailable': '设备未就绪，请联系前台工作人员',
  'error.device_failed': '设备未能完成操作，请重试或联系前台工作人员',
  'error.printer_unavailable': '打印机未就绪，请联系前台工作人员，或出示屏幕上的二维码',
  'error.paper_out': '打印机缺纸，请联系前台工作人员补纸后重试',
  'error.printer_failed': '通行证未能打印，请重试或联系前台工作人员',
  'error.temperature_abnormal': '体温偏高，暂不能自助签到，请联系前台工作人员',
  'error.booking_not_found': '本机没有该预约,请核对预约码或手机号后重试',
  'error.visit_id_reused': '签到记录编号冲突,请重新查询预约后再签到',
  'error.blacklisted': '请联系前台',
  'error.checkin_warning_unacknowledged': '请工作人员先核实并确认提示',
  'error.visit_not_found': '本机没有该访客的签到记录,请联系前台工作人员',
  'error.not_enrolled': '访客机尚未完成注册,请联系管理员',
  'error.unknown_call': '访客机服务不支持此操作,请联系管理员',
  'error.settings_newer': '访客机设置来自更新的版本,请联系管理员',
  'error.settings_invalid': '访客机设置有误,请联系管理员',
  'error.secrets_invalid': '访客机的注册信息已损坏,请联系管理员重新注册',
  'error.bad_message': '访客机服务收到了无法识别的请求,请刷新页面后重试',
  'error.forbidden': '此页面无权使用访客机服务,请联系管理员',
  'error.fallback': '操作未成功,请重试或联系前台工作人员',
} as const;

export const zhCN = {
  ...shellZhCN,
  ...homeZhCN,
  ...checkinZhCN,
  ...signOutZhCN,
  ...syncZhCN,
  ...devicesZhCN,
  ...walkinZhCN,
  ...faceZhCN,
  ...staffPhotoZhCN,
  ...adminZhCN,
  ...gateZhCN,
  ...keyboardZhCN,
} as const;

export type MessageKey = keyof typeof zhCN;
