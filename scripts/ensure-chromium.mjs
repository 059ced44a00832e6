// Browser tests need Debian's Chromium and CJK fonts: Noto CJK for the screens, WenQuanYi Zen Hei for the briefing's
// PDF (a TrueType-outline font, which the PDF embeds under its name). Install them when running as root, otherwise
// stop with the exact command: a browser test is never skipped silently.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const fonts = ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc']
const command = 'apt-get update && apt-get install -y chromium fonts-noto-cjk fonts-wqy-zenhei'

if (!existsSync(chromium) || !fonts.every((f) => existsSync(f))) {
  if (process.getuid?.() === 0) {
    console.log(`Browser tests need Chromium and CJK fonts; installing: ${command}`)
    execSync(command, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
  } else {
    console.error(`Browser tests need Chromium (${chromium}) and CJK fonts. Install them with:\n  sudo ${command}`)
    process.exit(1)
  }
}
