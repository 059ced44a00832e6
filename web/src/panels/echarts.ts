// The one module that touches ECharts: only the charts and components the panels use, registered once, plus the
// dark command-centre theme. EChart.vue loads it with a dynamic import(), so ECharts is a chunk of its own and
// stays out of the initial bundle.
import { init, registerTheme, use } from 'echarts/core'
import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, TooltipComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

use([BarChart, FunnelChart, LineChart, PieChart, GridComponent, TooltipComponent, CanvasRenderer])

export const THEME = 'onemap-dark'

// Canvas cannot read CSS variables, so these mirror theme.css (--text, --text-dim, --panel-border, --accent).
const TEXT = '#e6f1ff'
const DIM = '#8fb3d9'
const LINE = '#1d4a7a'
const FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"

const axis = {
  axisLine: { lineStyle: { color: LINE } },
  axisTick: { lineStyle: { color: LINE } },
  axisLabel: { color: DIM, fontSize: 12 },
  splitLine: { lineStyle: { color: 'rgba(29, 74, 122, 0.45)', type: 'dashed' } },
  nameTextStyle: { color: DIM, fontSize: 12 },
}

registerTheme(THEME, {
  color: ['#36c6ff', '#3ddc97', '#ffb020', '#ff6b9a', '#9d7bff', '#2bd4c8', '#ff8a3d', '#6fa8ff'],
  backgroundColor: 'transparent',
  textStyle: { color: TEXT, fontFamily: FONT, fontSize: 12 },
  tooltip: {
    backgroundColor: 'rgba(6, 17, 31, 0.94)',
    borderColor: LINE,
    textStyle: { color: TEXT, fontSize: 13 },
    axisPointer: { lineStyle: { color: '#36c6ff' }, crossStyle: { color: '#36c6ff' }, shadowStyle: { color: 'rgba(54, 198, 255, 0.08)' } },
  },
  categoryAxis: { ...axis, splitLine: { show: false } },
  valueAxis: axis,
  timeAxis: axis,
  line: { symbol: 'circle', symbolSize: 4, smooth: false },
  bar: { barMaxWidth: 22 },
})

export { init }
