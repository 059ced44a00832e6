/** NBS codes the build treats specially (NBS 统计用区划代码 2023, see geodata/sources/SOURCES.md). */

export const COUNTY_CODE = '330329'

/** 罗阳镇 is the county seat: its 社区 are the town centre, small and dense. */
export const COUNTY_SEAT_TOWNSHIP = '330329100'

/** 乌岩岭自然保护区 is a statistical unit (政企合一/特殊区域), not a township: it gets no polygon. */
export const RESERVE_CODE = '330329400'
