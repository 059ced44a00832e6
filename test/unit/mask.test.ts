import { describe, expect, it } from 'vitest'
import { maskIdNumber, maskName, maskPhone } from '../../domain/mask'

describe('masks for wall screens', () => {
  it('names keep the first character', () => {
    expect(maskName('张三丰')).toBe('张**')
    expect(maskName('李四')).toBe('李*')
    expect(maskName('欧阳娜娜')).toBe('欧***')
    expect(maskName('王')).toBe('*')
    expect(maskName('  ')).toBe('')
    expect(maskName('𠮷野家')).toBe('𠮷**')
  })

  it('phones keep the prefix and the last four', () => {
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskPhone('138 1234 5678')).toBe('138****5678')
    expect(maskPhone('0577-67581234')).toBe('057*****1234')
    expect(maskPhone('12345')).toBe('***45')
    expect(maskPhone('')).toBe('')
  })

  it('ID numbers keep the region code and the last four', () => {
    expect(maskIdNumber('33032919900101123X')).toBe('330329********123X')
    expect(maskIdNumber('330329900101123')).toBe('330329*****1123')
    expect(maskIdNumber('A1234567')).toBe('****4567')
  })

  it('never leaks the middle of a mobile number', () => {
    expect(maskPhone('13812345678')).not.toContain('1234')
  })
})
