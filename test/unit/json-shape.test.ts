import { expect, test } from 'vitest'
import { checkJsonShape } from '../../api/http/json-shape'

test('objects in an array may share keys; only a key repeated in one object is a duplicate', () => {
  expect(checkJsonShape('{"parties":[{"name":"a","phone":"1"},{"name":"b","phone":"2"}]}')).toBeNull()
  expect(checkJsonShape('{"parties":[{"name":"a"},{"name":"b","name":"c"}]}')).toEqual({ kind: 'duplicate_key', key: 'name', path: 'parties' })
  expect(checkJsonShape('{"point":{"lng":1,"lat":2,"lng":3}}')).toEqual({ kind: 'duplicate_key', key: 'lng', path: 'point' })
})

test('braces, brackets, commas, colons and escaped quotes inside strings do not confuse the scan', () => {
  expect(checkJsonShape(String.raw`{"a":"{[\"a\":1,}]","b":"\\","c":"x,\"a\":"}`)).toBeNull()
  expect(checkJsonShape(String.raw`{"a\"b":1,"a\u0022b":2}`)).toEqual({ kind: 'duplicate_key', key: 'a"b', path: '' })
  // Values equal to a key name are not keys.
  expect(checkJsonShape('{"a":"b","b":"a"}')).toBeNull()
})

test('depth is counted over arrays and objects, with the limit at 32', () => {
  expect(checkJsonShape('['.repeat(32) + ']'.repeat(32))).toBeNull()
  expect(checkJsonShape('['.repeat(33) + ']'.repeat(33))).toEqual({ kind: 'too_deep', depth: 32 })
  expect(checkJsonShape('{"a":'.repeat(33) + '1' + '}'.repeat(33))?.kind).toBe('too_deep')
  expect(checkJsonShape('"' + '['.repeat(100) + '"')).toBeNull() // inside a string
})
