export const zhCN = {
  title: '泰顺县基层治理一张图',
  subtitle: '县乡一体 · 五化抓统',
  county: '泰顺县',
  indicativeNote: '乡镇、村社与网格范围为示意，非法定界线',
  loading: '正在加载…',
  loadFailed: '数据加载失败',
  language: 'English',
}
export type Messages = { [K in keyof typeof zhCN]: string }
