// CSV cells as spreadsheets read them (api/exports/csv.ts) and the web's export links (web/src/exports/export-href.ts).
import { expect, test } from 'vitest'
import { csvCell, csvLine } from '../../api/exports/csv'
import { exportHref } from '../../web/src/exports/export-href'

test('RFC 4180 quoting, CRLF, and formula-looking text neutralised; numbers stay numbers', () => {
  expect(csvCell('占道经营')).toBe('占道经营')
  expect(csvCell('a,b')).toBe('"a,b"')
  expect(csvCell('say "hi"')).toBe('"say ""hi"""')
  expect(csvCell('two\nlines')).toBe('"two\nlines"')
  for (const danger of ['=1+1', '+86 138', '-5', '@SUM(A1)', '\tx', '\rx']) expect(csvCell(danger).replace(/^"/, '')[0]).toBe("'")
  expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"')
  expect(csvCell(-119.7)).toBe('-119.7')
  expect(csvCell(null)).toBe('')
  expect(csvLine([1, 'a', null])).toBe('1,a,\r\n')
})

test('an export link carries the view\'s query, the format and English when the page is English', () => {
  expect(exportHref('incidents', { scope: '330329', status: ['reported', 'accepted'], within: undefined, onList: 'false' }, 'csv', 'zh-CN'))
    .toBe('/api/incidents?scope=330329&status=reported%2Caccepted&onList=false&format=csv')
  expect(exportHref('sites', { scope: '330329100', category: [] }, 'xlsx', 'en')).toBe('/api/sites?scope=330329100&format=xlsx&lang=en')
})
